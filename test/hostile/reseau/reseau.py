import os
import socket
import sys

# Garde-fou : ce cas ne doit jamais envoyer de trafic hors de la machine. Avec une interface
# autre que lo, il s'arrête sans rien envoyer, et le message le dit dans le journal de construction.
interfaces = sorted(os.listdir("/sys/class/net"))
if interfaces != ["lo"]:
    sys.exit(f"RESEAU-PRESENT {interfaces} : essai annulé")
print("résolution de pypi.org, comme pip install le ferait")
socket.getaddrinfo("pypi.org", 443)
print("RESEAU-DISPONIBLE")
