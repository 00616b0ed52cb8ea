"""Une toute petite application : affiche sa version et s'arrête."""
import platform

print(f"mon-app v1 — Python {platform.python_version()}")
