docker build -t mon-app:v1 .
docker build --build-arg VERSION=latest -t mon-app:latest .
docker tag mon-app:v1 registry.example.com/mon-app:v1
