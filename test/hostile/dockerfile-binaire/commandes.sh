docker build -t hostile:v1 . # café en latin-1
