docker build -t mon-app:v1 .
docker build -t mon-app:latest .
docker build -t registry.example.com/mon-app:v1 .
