"""Sonde de santé."""
import urllib.request

try:
    urllib.request.urlopen("http://localhost:8000/health", timeout=2)
    print("ok")
except Exception as erreur:  # ne pas faire planter la sonde
    print(f"problème : {erreur}")
