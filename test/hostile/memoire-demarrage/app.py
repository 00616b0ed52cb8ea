print("démarrage de l'application")
# Alloue sans fin : 16 Mio à la fois, remplis (des pages touchées, pas seulement réservées).
blocs = []
while True:
    blocs.append(b"x" * (16 << 20))
