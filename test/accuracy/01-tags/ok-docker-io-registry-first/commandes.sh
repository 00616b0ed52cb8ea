docker build -t registry.example.com/mon-app:v1 .
docker tag registry.example.com/mon-app:v1 mon-app:v1
docker tag mon-app:v1 mon-app:latest
