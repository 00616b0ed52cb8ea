docker build --tag=mon-app:v1 --file=Dockerfile .
docker tag mon-app:v1 mon-app:latest
docker tag mon-app:v1 registry.example.com/mon-app:v1
