# Construire la version 1 de l'image
docker build -t mon-app:v1 .
# Deux noms de plus pour la même image
docker tag mon-app:v1 mon-app:latest
docker tag mon-app:v1 registry.example.com/mon-app:v1
