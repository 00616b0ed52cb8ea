docker build -t mon-app:v1 .
docker build -f Dockerfile.dev -t mon-app:latest .
docker tag mon-app:v1 registry.example.com/mon-app:v1
