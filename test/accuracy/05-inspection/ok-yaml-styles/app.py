"""Inspection : un petit service web à observer de l'extérieur (port 8000).

- GET /        répond « Bonjour »
- GET /health  répond 200 : la sonde HEALTHCHECK du Dockerfile l'interroge.

Au démarrage, l'application écrit trois lignes dans sa sortie et crée le fichier témoin
/tmp/demarre.txt : ce sont les traces que `docker logs` et `docker diff` vous montreront.
"""
import os
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 8000
TEMOIN = "/tmp/demarre.txt"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, "ok\n")
        elif self.path == "/":
            self.reply(200, "Bonjour depuis inspection !\n")
        else:
            self.reply(404, "introuvable\n")

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        if self.path != "/health":  # la sonde passe toutes les 10 s : inutile d'encombrer les journaux
            print(f"[inspection] {self.address_string()} {fmt % args}", flush=True)


if __name__ == "__main__":
    print(f"[inspection] démarrage de l'application (pid {os.getpid()})", flush=True)
    with open(TEMOIN, "w") as temoin:
        temoin.write(f"démarré le {datetime.now(timezone.utc).isoformat()}\n")
    print(f"[inspection] fichier témoin écrit : {TEMOIN}", flush=True)
    serveur = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    print(f"[inspection] prêt : écoute sur le port {PORT}", flush=True)
    serveur.serve_forever()
