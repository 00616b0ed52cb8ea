docker build -t mon-app:v1 .
docker tag mon-app:v1 mon-app:latest
docker tag mon-app:v1 registry.example.com/mon-app:v1
# une dernière construction propre pour être sûr
docker build --no-cache -t mon-app:v1 .
