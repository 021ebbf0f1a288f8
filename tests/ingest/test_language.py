"""ingest.language: English passes, other languages are refused, short texts never judged."""
from __future__ import annotations

import pytest

from diplograph.errors import NotEnglish
from diplograph.ingest.language import check_english

ENGLISH = ("The foreign ministry said on Tuesday that it had summoned the ambassador over "
           "remarks made at a news conference, and that it expected an apology before the end "
           "of the week. Officials in the capital said the two countries would keep talking, "
           "but that trade talks planned for next month could be put off if the dispute went on.")
SPANISH = ("El ministerio de asuntos exteriores dijo el martes que había convocado al embajador "
           "por unas declaraciones hechas en una rueda de prensa, y que esperaba una disculpa "
           "antes del final de la semana. Funcionarios de la capital dijeron que los dos países "
           "seguirían hablando, pero que las negociaciones comerciales previstas para el mes "
           "próximo podrían aplazarse si la disputa continuaba durante más tiempo.")
GERMAN = ("Das Außenministerium teilte am Dienstag mit, es habe den Botschafter wegen "
          "Äußerungen auf einer Pressekonferenz einbestellt und erwarte bis zum Ende der Woche "
          "eine Entschuldigung. Beamte in der Hauptstadt sagten, beide Länder würden weiter "
          "miteinander sprechen, doch die für den nächsten Monat geplanten Handelsgespräche "
          "könnten verschoben werden, falls der Streit andauere und keine Lösung gefunden werde.")
RUSSIAN = ("Министерство иностранных дел во вторник заявило, что вызвало посла из-за "
           "высказываний на пресс-конференции и ожидает извинений до конца недели. "
           "Чиновники в столице сказали, что две страны продолжат переговоры, но торговые "
           "переговоры, запланированные на следующий месяц, могут быть отложены.")


@pytest.mark.parametrize("text", [SPANISH, GERMAN, RUSSIAN])
def test_other_languages_are_refused(text):
    with pytest.raises(NotEnglish):
        check_english(text)


@pytest.mark.parametrize("text", [
    ENGLISH,
    "Kim Jong Un, Choe Son Hui, Sergei Lavrov, Wang Yi, Annalena Baerbock",
    "Pyongyang recognises Donetsk",
    # a list of names and places is not prose, but it is too short to judge
    "Berlin Paris Madrid Lisboa Roma Wien Praha Warszawa Budapest Bucuresti Sofia Athina",
    # English with many foreign names still has its function words
    ENGLISH + " Jean-Yves Le Drian, José Manuel Albares and Heiko Maas met in Bruxelles.",
])
def test_english_and_short_texts_pass(text):
    check_english(text)
