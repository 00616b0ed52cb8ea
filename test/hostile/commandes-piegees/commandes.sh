# Chaque ligne tente de sortir du cadre : aucune ne doit s'exécuter, et hostile:v1 n'existe pas
# après elles. test/engine/hostile.test.ts vérifie que le témoin est intact et le pirate absent.
docker build -t hostile:v1 . ; rm -rf /
docker build -t hostile:v1 $(rm -f /tmp/dockgrade-hostile-temoin && echo .)
docker build -t hostile:v1 `touch /tmp/dockgrade-hostile-pirate && echo .`
docker run -v /:/host python:3.11-slim rm -f /host/tmp/dockgrade-hostile-temoin
