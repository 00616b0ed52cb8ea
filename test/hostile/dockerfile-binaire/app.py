import time

print("démarrage de l'application")
while True:
    time.sleep(3600)
