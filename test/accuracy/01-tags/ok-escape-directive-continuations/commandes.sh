#!/bin/sh
set -eu
# Construire, puis nommer
docker build \
  -t mon-app:v1 \
  .
docker tag mon-app:v1 mon-app:latest   # alias local
docker tag \
  mon-app:v1 registry.example.com/mon-app:v1
