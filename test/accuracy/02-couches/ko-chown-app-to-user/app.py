"""Météo du club : affiche les stations les plus chaudes, d'après le résumé préparé à la construction."""
import json
from pathlib import Path

from petitcadre import encadre

RESUME = Path(__file__).parent / "data" / "resume.json"

stations = json.loads(RESUME.read_text())
plus_chaudes = sorted(stations.items(), key=lambda item: item[1]["moyenne"], reverse=True)[:3]
print(encadre("Météo du club — les 3 stations les plus chaudes", *(
    f"{nom} : {s['moyenne']:5.2f} °C en moyenne ({s['min']} / {s['max']})" for nom, s in plus_chaudes
)))
