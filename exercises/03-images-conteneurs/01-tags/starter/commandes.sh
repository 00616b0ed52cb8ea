# Écrivez ici, une par ligne, les commandes docker que vous taperiez.
# Elles sont exécutées telles quelles (sans shell) par le correcteur.
