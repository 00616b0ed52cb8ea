print("démarrage de l'application")
# Et s'arrête aussitôt : rien ne garde le conteneur en marche.
