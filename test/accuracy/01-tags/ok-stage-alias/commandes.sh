docker build -t mon-app:latest .
docker tag mon-app:latest mon-app:v1
docker tag mon-app:latest registry.example.com/mon-app:v1
