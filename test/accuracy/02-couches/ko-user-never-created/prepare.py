"""Prépare les données de la météo du club, au moment de la construction de l'image.

    python prepare.py generer BRUT            simule un an de relevés horaires (environ 30 Mo de CSV)
    python prepare.py resumer BRUT RESUME     calcule le petit résumé JSON dont app.py a besoin

Le fichier BRUT ne sert qu'à calculer le résumé : l'application n'en a plus besoin ensuite.
"""
import csv
import json
import math
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

STATIONS = [f"station-{numero:02d}" for numero in range(1, 71)]
HEURES = 365 * 24


def generer(brut: Path) -> None:
    hasard = random.Random(2024)  # toujours les mêmes relevés : la construction est reproductible
    debut = datetime(2024, 1, 1)
    with brut.open("w") as sortie:
        sortie.write("horodatage,station,temperature,humidite,pression,vent\n")
        for heure in range(HEURES):
            moment = (debut + timedelta(hours=heure)).isoformat(timespec="minutes")
            saison = 12 - 9 * math.cos(2 * math.pi * heure / HEURES)  # froid en janvier, chaud en juillet
            sortie.writelines(
                f"{moment},{station},{saison + hasard.gauss(0, 4):.2f},{hasard.random() * 70 + 30:.1f},"
                f"{1013 + hasard.random() * 30 - 15:.1f},{hasard.random() * 60:.1f}\n"
                for station in STATIONS
            )
    print(f"{brut} : {brut.stat().st_size / 1e6:.1f} Mo de relevés bruts")


def resumer(brut: Path, resume: Path) -> None:
    stats = {station: {"min": 99.0, "max": -99.0, "somme": 0.0, "releves": 0} for station in STATIONS}
    with brut.open(newline="") as entree:
        lignes = csv.reader(entree)
        next(lignes)  # l'en-tête
        for _, nom, temperature, *_ in lignes:
            station = stats[nom]
            temperature = float(temperature)
            station["min"] = min(station["min"], temperature)
            station["max"] = max(station["max"], temperature)
            station["somme"] += temperature
            station["releves"] += 1
    resultat = {
        nom: {
            "min": round(s["min"], 1),
            "max": round(s["max"], 1),
            "moyenne": round(s["somme"] / s["releves"], 2),
            "releves": s["releves"],
        }
        for nom, s in stats.items()
    }
    resume.parent.mkdir(parents=True, exist_ok=True)
    resume.write_text(json.dumps(resultat, indent=1, ensure_ascii=False) + "\n")
    print(f"{resume} : résumé de {len(resultat)} stations ({resume.stat().st_size} octets)")


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["generer", brut]:
            generer(Path(brut))
        case ["resumer", brut, resume]:
            resumer(Path(brut), Path(resume))
        case _:
            sys.exit(__doc__)
