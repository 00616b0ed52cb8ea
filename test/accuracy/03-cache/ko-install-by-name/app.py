"""Bannière : un petit service web qui encadre un message (port 8000).

    GET /              le message par défaut, encadré
    GET /?texte=Salut  votre texte, encadré
"""
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

try:
    from petitcadre import encadre
except ImportError:  # la dépendance n'a pas été installée dans l'image
    encadre = None

MESSAGE = "Bonjour depuis la bannière !"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if encadre is None:
            self.reply(500, "petitcadre n'est pas installé : pip install -r requirements.txt\n")
            return
        texte = parse_qs(urlparse(self.path).query).get("texte", [MESSAGE])[0]
        self.reply(200, encadre(texte) + "\n")

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    if encadre is None:
        print("ERREUR : le paquet petitcadre n'est pas installé (voir requirements.txt)", flush=True)
    print("bannière : écoute sur le port 8000", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
