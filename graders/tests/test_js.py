import shutil

import pytest

from graders import js

SOMME = "function somme(a, b) {\n  return a + b;\n}"
EXAMPLES = [((2, 3), 5), ((10, -4), 6)]


def pairs(rng):
    return rng.randint(-100, 100), rng.randint(-100, 100)


def add(a, b):
    return a + b


def test_right_answer_passes_fixed_and_random_cases_silently(capfd):
    js.check_function(SOMME, "somme", EXAMPLES, reference=add, generator=pairs, random_cases=20)
    assert capfd.readouterr() == ("", "")


def test_hard_coded_answer_passes_examples_but_not_random_cases(fails):
    hard_coded = """
    function somme(a, b) {
      if (a === 2 && b === 3) return 5;
      if (a === 10 && b === -4) return 6;
      return 0;
    }"""
    js.check_function(hard_coded, "somme", EXAMPLES)
    with fails(r"somme(", ") devrait renvoyer", "mais votre fonction renvoie 0."):
        js.check_function(hard_coded, "somme", EXAMPLES, add, pairs, random_cases=10, seed=1)


def test_console_log_noise_does_not_break_the_comparison(capfd):
    noisy = """
    console.log("début");
    var total = 0;                  // sloppy mode: works with or without let
    compteur = 0;
    const doubler = (liste) => {
      console.log(JSON.stringify(liste));
      compteur++;
      return liste.map((x) => x * 2);
    };
    console.error("bruit sur stderr");
    """
    js.check_function(noisy, "doubler", [([1, 2, 3], [2, 4, 6]), ([], [])])
    assert capfd.readouterr() == ("", "")


def test_arrays_objects_strings_and_async_functions():
    code = """
    function profil(nom, age) { return {nom: nom.toUpperCase(), majeur: age >= 18, tags: []}; }
    async function plusTard(x) { return x + 1; }
    """
    js.check_function(code, "profil", [(("léa", 20), {"nom": "LÉA", "majeur": True, "tags": []})])
    js.check_function(code, "plusTard", [(1, 2)])


def test_wrong_value_is_shown_as_json(fails):
    with fails('estPair(3) devrait renvoyer false, mais votre fonction renvoie "non".'):
        js.check_function(
            "const estPair = n => n % 2 === 0 ? 'oui' : 'non';", "estPair", [(4, "oui"), (3, False)]
        )
    with fails("majeur(18) devrait renvoyer true, mais votre fonction renvoie 1."):
        js.check_function("function majeur(a) { return a >= 18 ? 1 : 0 }", "majeur", [(18, True)])


def test_missing_return_and_missing_function(fails):
    with fails("somme(2, 3) ne renvoie rien : ajoutez un return"):
        js.check_function("function somme(a, b) { console.log(a + b); }", "somme", EXAMPLES)
    with fails("La fonction somme n'existe pas"):
        js.check_function("function Somme(a, b) { return a + b }", "somme", EXAMPLES)
    with fails("somme n'est pas une fonction"):
        js.check_function("let somme = 5;", "somme", EXAMPLES)


def test_syntax_error_is_one_sentence_without_stack(fails):
    with pytest.raises(js.CheckFailed) as caught:
        js.check_function("function somme(a, b) {\n  return a + b;\n", "somme", EXAMPLES)
    message = str(caught.value)
    assert message.startswith("Votre code JavaScript contient une erreur de syntaxe : SyntaxError")
    assert "Unexpected end of input" in message or "Unexpected end" in message
    assert "\n" not in message and " at " not in message


def test_errors_at_load_and_inside_the_function(fails):
    with fails("Votre code JavaScript s'arrête sur une erreur : ReferenceError: prenom"):
        js.check_function("console.log(prenom);\n" + SOMME, "somme", EXAMPLES)
    with fails("Votre fonction s'arrête sur une erreur pour premier([]) : TypeError"):
        js.check_function("function premier(l) { return l[0].nom }", "premier", [([], None)])
    with fails("pour f(1) : Error: trop grand"):
        js.check_function("function f(x) { throw new Error('trop grand') }", "f", [(1, None)])
    with fails("pour f(1) : RangeError"):
        js.check_function("function f(x) { return f(x) }", "f", [(1, None)])


def test_infinite_loop_becomes_a_timeout_sentence(fails):
    with fails("Votre code ne s'est pas terminé en 1 secondes", "boucle"):
        js.check_function(
            "function f(n) { while (n > 0) { n++ } return n }", "f", [(1, 0)], timeout=1
        )


def test_code_that_exits_early_gives_a_sentence(fails):
    with fails("Votre code JavaScript s'est arrêté sans donner de résultat"):
        js.check_function("process.exit(3)", "f", [(1, 1)])


def test_trainee_text_cannot_break_the_harness():
    tricky = "// @CASES@ @NAME@ MARKER \"'`\n function f(s) { return s + '\\u2028' + \"@CODE@\" }"
    js.check_function(tricky, "f", [("a", "a\u2028@CODE@")])


def test_check_output_and_run(fails):
    js.check_output("console.log('Bonjour');\nconsole.log('le monde')", "Bonjour\nle monde")
    with fails('Votre programme affiche "bonjour" au lieu de "Bonjour".'):
        js.check_output("console.log('bonjour')", "Bonjour")
    printed, results = js.run("function f(x) { console.log('x'); return x }", "f", [(1,), ([2],)])
    assert printed == "x\nx\n"
    assert results == [("value", 1), ("value", [2])]


def test_english(fails):
    with fails("Your code did not finish within 1 seconds"):
        js.check_function("while (true) {}", "f", [(1, 1)], timeout=1, lang="en")
    with fails("somme(2, 3) should return 5, but your function returns -1."):
        js.check_function("const somme = (a, b) => a - b", "somme", EXAMPLES, lang="en")


def test_no_runtime_gives_a_sentence(monkeypatch, fails):
    monkeypatch.setattr(shutil, "which", lambda name, **_: None)
    with fails("ni Node ni Deno"):
        js.check_function(SOMME, "somme", EXAMPLES)


def test_deno_is_used_when_node_is_absent(monkeypatch):
    monkeypatch.setattr(
        shutil, "which", lambda name, **_: "/usr/bin/deno" if name == "deno" else None
    )
    assert js.runtime()[:2] == ["/usr/bin/deno", "run"]


def test_deno_runs_the_same_harness(monkeypatch, fails):
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, **kw: None if name == "node" else real_which(name, **kw)
    )
    assert js.runtime()[1] == "run"  # the dev environment has Deno (pip install deno)
    js.check_function("x = 1;\n" + SOMME, "somme", EXAMPLES, add, pairs, random_cases=5)
    with fails("erreur de syntaxe"):
        js.check_function("function somme(", "somme", EXAMPLES)


def test_printing_forever_is_capped_then_timed_out(fails):
    with fails("ne s'est pas terminé en 1 secondes"):
        js.check_function("while (true) console.log('encore')", "f", [(1, 1)], timeout=1)
    printed, _ = js.run("for (let i = 0; i < 5000; i++) console.log(i)")
    assert printed.count("\n") == 1000
