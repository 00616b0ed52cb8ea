docker image build --tag mon-app:v1 .
docker image tag mon-app:v1 mon-app:latest
docker image tag mon-app:v1 registry.example.com/mon-app:v1
