docker build -t docker.io/library/mon-app:v1 .
docker tag docker.io/library/mon-app:v1 docker.io/library/mon-app:latest
docker tag docker.io/library/mon-app:v1 registry.example.com/mon-app:v1
