"""mon-app : un petit service web.

- GET /        répond « Bonjour »
- GET /health  répond 200 tant que tout va bien, 503 quand l'application est en panne.
La panne est simulée par la présence du fichier /tmp/panne.
"""
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PANNE = "/tmp/panne"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            if os.path.exists(PANNE):
                self.reply(503, "panne\n")
            else:
                self.reply(200, "ok\n")
        elif self.path == "/":
            self.reply(200, "Bonjour depuis mon-app !\n")
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
        print(f"{self.address_string()} {fmt % args}", flush=True)


if __name__ == "__main__":
    print("mon-app écoute sur le port 8000", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
