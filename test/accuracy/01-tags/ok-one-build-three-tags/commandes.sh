# Une seule construction, trois noms d'un coup.
docker build -t mon-app:v1 -t mon-app:latest -t registry.example.com/mon-app:v1 .
