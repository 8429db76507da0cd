import random
import sqlite3

import pytest

from graders import sql

SCHEMA = """
CREATE TABLE client (
    id INTEGER PRIMARY KEY,
    nom VARCHAR(50) NOT NULL,
    email TEXT NOT NULL UNIQUE,
    ville TEXT
);
CREATE TABLE commande (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES client(id),
    montant REAL CHECK (montant > 0),
    jour DATE
);
CREATE TABLE ligne (
    commande_id INTEGER,
    produit TEXT,
    quantite INT,
    PRIMARY KEY (commande_id, produit),
    FOREIGN KEY (commande_id) REFERENCES commande
);
"""

VILLES = ["Lyon", "Paris", "Lille", "Nantes"]


def fill(conn, rng):
    """Random clients and orders, so a query that hard-codes the visible data fails."""
    for i in range(1, rng.randint(3, 8)):
        conn.execute(
            "INSERT INTO client VALUES (?, ?, ?, ?)",
            (i, f"Client{i}", f"c{i}@x.fr", rng.choice(VILLES)),
        )
        for _ in range(rng.randint(0, 3)):
            conn.execute(
                "INSERT INTO commande (client_id, montant) VALUES (?, ?)",
                (i, rng.randint(1, 500) / 4),
            )


def test_a_good_schema_passes_silently(capfd):
    db = sql.connect(SCHEMA)
    assert sql.check_table(db, "client", ["id", "nom", "email"]) == ["id", "nom", "email", "ville"]
    sql.check_table(db, "CLIENT", {"nom": "TEXT", "id": "INT", "ville": "varchar(20)"})
    sql.check_primary_key(db, "client", "id")
    sql.check_primary_key(db, "ligne", ["produit", "commande_id"])
    sql.check_foreign_key(db, "commande", "client_id", "client", "id")
    sql.check_foreign_key(db, "ligne", "commande_id", "commande", "id")  # implicit target
    sql.check_not_null(db, "client", "nom")
    sql.check_not_null(db, "client", "id")  # INTEGER PRIMARY KEY is the rowid
    sql.check_unique(db, "client", "email")
    sql.check_unique(db, "ligne", ["commande_id", "produit"])
    sql.check_accepts(db, "INSERT INTO client (nom, email) VALUES ('A', 'a@x.fr')")
    sql.check_rejects(db, "INSERT INTO commande (client_id, montant) VALUES (999, 10)")
    sql.check_rejects(db, "INSERT INTO commande (client_id, montant) VALUES (1, -5)")
    assert db.execute("SELECT COUNT(*) FROM client").fetchone() == (0,)  # undone
    assert capfd.readouterr() == ("", "")


def test_missing_table_column_and_wrong_type(fails):
    with fails("La table produit n'existe pas : créez-la avec CREATE TABLE."):
        sql.check_table(SCHEMA, "produit")
    with fails("Il manque la colonne telephone dans la table client."):
        sql.check_table(SCHEMA, "client", ["nom", "telephone"])
    with fails('La colonne client.nom devrait être de type INTEGER (déclarée "VARCHAR(50)").'):
        sql.check_table(SCHEMA, "client", {"nom": "INTEGER"})


def test_missing_constraints(fails):
    loose = (
        SCHEMA.replace("email TEXT NOT NULL UNIQUE", "email TEXT")
        .replace("nom VARCHAR(50) NOT NULL", "nom VARCHAR(50)")
        .replace("REFERENCES client(id)", "")
        .replace("CHECK (montant > 0)", "")
        .replace("PRIMARY KEY (commande_id, produit),", "")
    )
    db = sql.connect(loose)
    with fails("La colonne client.email devrait être UNIQUE"):
        sql.check_unique(db, "client", "email")
    with fails("La colonne client.nom devrait être obligatoire (NOT NULL)."):
        sql.check_not_null(db, "client", "nom")
    with fails(
        "La colonne commande.client_id devrait être une clé étrangère (REFERENCES client(id))."
    ):
        sql.check_foreign_key(db, "commande", "client_id", "client", "id")
    with fails("La base accepte une ligne qui devrait être refusée : INSERT INTO commande"):
        sql.check_rejects(db, "INSERT INTO commande (client_id, montant) VALUES (1, -5)")
    with fails(
        "La clé primaire de la table ligne devrait être (commande_id, produit), elle est : aucune."
    ):
        sql.check_primary_key(db, "ligne", ["commande_id", "produit"])
    with fails("devrait être (nom), elle est : id."):
        sql.check_primary_key(db, "client", "nom")


def test_unique_on_another_column_or_a_wider_key_is_not_enough(fails):
    db = sql.connect("CREATE TABLE t (a TEXT, b TEXT, UNIQUE (a, b));")
    with fails("La colonne t.a devrait être UNIQUE"):
        sql.check_unique(db, "t", "a")
    sql.check_unique(db, "t", ["b", "a"])


def test_errors_in_the_trainee_sql(fails):
    with fails('Votre script SQL contient une erreur : near "CREAT": syntax error.'):
        sql.connect("CREAT TABLE x (id INTEGER);")
    with fails("Votre requête SQL contient une erreur : no such column: prenom."):
        sql.check_query(SCHEMA, "SELECT prenom FROM client", "SELECT nom FROM client")
    with fails("La base refuse une ligne correcte", "NOT NULL constraint failed: client.nom"):
        sql.check_accepts(SCHEMA, "INSERT INTO client (email) VALUES ('a@x.fr')")
    with fails("Votre script SQL contient une erreur : table client has no column named age"):
        sql.check_rejects(SCHEMA, "INSERT INTO client (age) VALUES (3)")


def test_query_right_answer_on_random_data(capfd):
    reference = """SELECT c.nom, COUNT(m.id), ROUND(SUM(m.montant), 2) FROM client c
                   LEFT JOIN commande m ON m.client_id = c.id GROUP BY c.id ORDER BY c.nom"""
    trainee = """select nom, (select count(*) from commande where client_id = client.id),
                 (select round(sum(montant), 2) from commande where client_id = client.id)
                 from client order by nom;"""
    rows = sql.check_query(SCHEMA, trainee, reference, fill, runs=5, ordered=True)
    assert rows and all(len(row) == 3 for row in rows)
    assert capfd.readouterr() == ("", "")


def test_hard_coded_query_passes_the_visible_data_but_not_random_data(fails):
    visible = (
        "INSERT INTO client VALUES (1, 'Ana', 'a@x.fr', 'Lyon'), (2, 'Bo', 'b@x.fr', 'Paris');"
    )
    reference = "SELECT nom FROM client WHERE ville = 'Lyon'"
    hard_coded = "SELECT 'Ana' AS nom"
    sql.check_query(SCHEMA, hard_coded, reference, visible)
    with fails("Votre requête"):
        sql.check_query(SCHEMA, hard_coded, reference, fill, runs=5, seed=7)


def test_query_wrong_rows_count_columns_and_order(fails):
    data = "INSERT INTO client VALUES (1, 'Bo', 'b@x.fr', 'Lyon'), (2, 'Ana', 'a@x.fr', 'Paris');"
    with fails("Votre requête renvoie 1 ligne(s) au lieu de 2."):
        sql.check_query(SCHEMA, "SELECT nom FROM client LIMIT 1", "SELECT nom FROM client", data)
    with fails("Votre requête renvoie 2 colonne(s) au lieu de 1."):
        sql.check_query(SCHEMA, "SELECT nom, ville FROM client", "SELECT nom FROM client", data)
    with fails("la ligne ('Bo',) est attendue mais absente"):
        sql.check_query(SCHEMA, "SELECT ville FROM client", "SELECT nom FROM client", data)
    with fails("pas dans le bon ordre : vérifiez ORDER BY."):
        sql.check_query(
            SCHEMA,
            "SELECT nom FROM client ORDER BY nom DESC",
            "SELECT nom FROM client ORDER BY nom",
            data,
            ordered=True,
        )
    sql.check_query(
        SCHEMA,
        "SELECT nom FROM client ORDER BY nom DESC",
        "SELECT nom FROM client ORDER BY nom",
        data,
    )


def test_two_statements_and_english(fails):
    with fails("Votre requête SQL contient une erreur"):
        sql.check_query(SCHEMA, "SELECT 1; SELECT 2", "SELECT 1")
    with fails("The table produit does not exist"):
        sql.check_table(SCHEMA, "produit", lang="en")


def test_fill_function_gets_a_seeded_generator():
    seen = []
    sql.check_query(
        SCHEMA, "SELECT 1", "SELECT 1", lambda conn, rng: seen.append(rng.random()), runs=2, seed=5
    )
    assert seen == [random.Random(5).random(), seen[1]] and seen[0] != seen[1]
    assert isinstance(sql.connect(), sqlite3.Connection)


@pytest.mark.parametrize(
    "declared,expected",
    [
        ("VARCHAR(20)", "TEXT"),
        ("BIGINT", "INTEGER"),
        ("DOUBLE", "REAL"),
        ("DECIMAL(5,2)", "NUMERIC"),
    ],
)
def test_type_affinity(declared, expected):
    sql.check_table(f"CREATE TABLE t (x {declared});", "t", {"x": expected})
