# Fichier enregistre sous Windows
docker build -t mon-app:v1 .
docker tag mon-app:v1 mon-app:latest
docker tag mon-app:v1 registry.example.com/mon-app:v1
