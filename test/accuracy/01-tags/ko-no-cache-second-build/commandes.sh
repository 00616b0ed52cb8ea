docker build -t mon-app:v1 .
# Reconstruire « proprement » pour latest
docker build --no-cache -t mon-app:latest .
docker tag mon-app:v1 registry.example.com/mon-app:v1
