docker build -t hostile:v1 .
