import pytest

from graders import python

EXAMPLES = [((2, 3), 5), ((10, -4), 6)]


def pairs(rng):
    return rng.randint(-100, 100), rng.randint(-100, 100)


def add(a, b):
    return a + b


def test_right_answer_passes_silently(capfd):
    def somme(a, b):
        return a + b

    python.check_function(somme, EXAMPLES, add, pairs, random_cases=50)
    assert capfd.readouterr() == ("", "")


def test_hard_coded_answer_fails_the_random_cases(fails):
    def somme(a, b):
        return {(2, 3): 5, (10, -4): 6}.get((a, b), 0)

    python.check_function(somme, cases=EXAMPLES)
    with fails("somme(", "devrait renvoyer", "mais votre fonction renvoie 0."):
        python.check_function(somme, EXAMPLES, add, pairs, random_cases=10, seed=3)


def test_print_instead_of_return_crash_and_not_a_function(fails, capsys):
    def somme(a, b):
        print(a + b)

    with fails("somme(2, 3) ne renvoie rien : ajoutez un return"):
        python.check_function(somme, cases=EXAMPLES)
    capsys.readouterr()

    def moyenne(notes):
        return sum(notes) / len(notes)

    with fails("pour moyenne([]) : ZeroDivisionError: division by zero."):
        python.check_function(moyenne, cases=[([10, 20], 15), ([], 0)])
    with fails("moyenne n'est pas une fonction"):
        python.check_function(12, cases=EXAMPLES, name="moyenne")


def test_mutating_function_does_not_spoil_the_expected_answer(fails):
    def trier(liste):
        liste.sort()
        return liste

    python.check_function(
        trier,
        [([3, 1, 2], [1, 2, 3])],
        sorted,
        lambda rng: [rng.randint(0, 9) for _ in range(5)],
        random_cases=5,
    )


def test_types_matter_but_rounding_does_not(fails):
    python.check_function(lambda x: x / 3, cases=[(1, 0.3333333333333333)], name="tiers")
    with fails("est_pair(4) devrait renvoyer True, mais votre fonction renvoie 1."):
        python.check_function(lambda n: 1 if n % 2 == 0 else 0, cases=[(4, True)], name="est_pair")
    with fails("'4'"):
        python.check_function(str, cases=[(4, 4)], name="f")


def test_english(fails):
    with fails("f(1) should return 2, but your function returns 1."):
        python.check_function(lambda x: x, cases=[(1, 2)], name="f", lang="en")


def test_random_cases_need_a_reference():
    with pytest.raises(ValueError):
        python.check_function(len, generator=pairs, random_cases=3)
