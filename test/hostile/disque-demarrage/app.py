print("démarrage de l'application")
# Écrit sans fin dans la couche inscriptible du conteneur (jusqu'à disque plein).
bloc = b"\0" * (1 << 20)
with open("/remplissage", "wb") as fichier:
    while True:
        fichier.write(bloc)
