import sys

print("démarrage de l'application")
# Inonde les journaux : des lignes de 200 caractères, sans fin et sans pause.
bloc = ("x" * 199 + "\n") * 500
while True:
    sys.stdout.write(bloc)
