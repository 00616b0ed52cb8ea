"""Sonde de santé : code 0 si /health répond 200, 1 sinon."""
import sys
import urllib.error
import urllib.request

try:
    with urllib.request.urlopen("http://localhost:8000/health", timeout=2) as reponse:
        sys.exit(0 if reponse.status == 200 else 1)
except (urllib.error.URLError, OSError) as erreur:
    print(f"sonde : {erreur}")
    sys.exit(1)
