docker build -t mon-app:v1 .
# Sans tag, la cible s'appelle mon-app:latest.
docker tag mon-app:v1 mon-app
docker tag mon-app:v1 registry.example.com/mon-app:v1
