import pytest

from graders import http

flask = pytest.importorskip("flask")


def make_app(wrong=False):
    app = flask.Flask("boutique")
    produits = {1: {"id": 1, "nom": "Pain", "prix": 1.2}}

    @app.get("/")
    def accueil():
        return "<h1>Bienvenue</h1>"

    @app.get("/api/produits/<int:pid>")
    def produit(pid):
        if pid not in produits:
            return flask.jsonify({"erreur": "introuvable"}), (200 if wrong else 404)
        return flask.jsonify(produits[pid])

    @app.post("/api/somme")
    def somme():
        data = flask.request.get_json()
        return flask.jsonify({"resultat": 5 if wrong else data["a"] + data["b"]})

    @app.get("/api/carre/<int:n>")
    def carre(n):
        return flask.jsonify({"n": n, "carre": n * n * (1 if flask.request.args.get("x") else 1)})

    @app.get("/texte")
    def texte():
        return str({"pas": "du json"})

    @app.get("/plante")
    def plante():
        return 1 / 0

    return app


def pairs(rng):
    return {"a": rng.randint(-50, 50), "b": rng.randint(-50, 50)}


def test_a_good_app_passes_silently(capfd):
    app = make_app()
    http.check_status(app, "GET", "/")
    http.check_content_type(app, "get", "/", "text/html")
    body = http.check_json(app, "GET", "/api/produits/1", keys=["nom", "prix"])
    assert body["prix"] == 1.2
    http.check_json(app, "GET", "/api/produits/9", {"erreur": "introuvable"}, status=404)
    http.check_method_not_allowed(app, "DELETE", "/api/produits/1")
    http.check_json_cases(
        app,
        "POST",
        "/api/somme",
        [({"a": 2, "b": 3}, {"resultat": 5})],
        lambda p: {"resultat": p["a"] + p["b"]},
        pairs,
        random_cases=10,
    )
    http.check_json_cases(
        app,
        "GET",
        "/api/carre/{n}",
        reference=lambda p: {"n": p["n"], "carre": p["n"] ** 2},
        generator=lambda rng: {"n": rng.randint(0, 99), "x": "1"},
        random_cases=5,
    )
    assert capfd.readouterr() == ("", "")


def test_wrong_status_and_hard_coded_answer(fails):
    app = make_app(wrong=True)
    with fails(
        "GET /api/produits/9 devrait répondre avec le code 404, votre application répond 200."
    ):
        http.check_status(app, "GET", "/api/produits/9", 404)
    http.check_json(app, "POST", "/api/somme", {"resultat": 5}, json={"a": 2, "b": 3})
    with fails(
        'POST /api/somme devrait renvoyer {"resultat": ',
        'votre application renvoie {"resultat": 5}',
    ):
        http.check_json_cases(
            app,
            "POST",
            "/api/somme",
            [({"a": 2, "b": 3}, {"resultat": 5})],
            lambda p: {"resultat": p["a"] + p["b"] + 1000},
            pairs,
            random_cases=3,
        )


def test_crash_is_one_sentence_and_nothing_on_stderr(fails, capfd):
    with fails("Votre application plante sur GET /plante : ZeroDivisionError: division by zero."):
        http.check_status(make_app(), "GET", "/plante")
    assert capfd.readouterr().err == ""


def test_not_json_missing_key_405_content_type_and_404(fails):
    app = make_app()
    with fails("GET /texte devrait renvoyer du JSON (utilisez jsonify)", "text/html"):
        http.check_json(app, "GET", "/texte")
    with fails('La réponse JSON de GET /api/produits/1 n\'a pas la clé "stock".'):
        http.check_json(app, "GET", "/api/produits/1", keys=["stock"])
    with fails("GET / devrait être refusé (code 405"):
        http.check_method_not_allowed(app, "GET", "/")
    with fails("devrait renvoyer le type application/json", "text/html"):
        http.check_content_type(app, "GET", "/", "application/json")
    with fails("GET /absent devrait répondre avec le code 200, votre application répond 404."):
        http.check_status(app, "GET", "/absent")


def test_not_an_app_and_english(fails):
    with fails("ce n'est pas une application Flask"):
        http.check_status(None, "GET", "/")
    with fails("GET /absent should answer with status 200, your application answers 404."):
        http.check_status(make_app(), "GET", "/absent", lang="en")
