"""Date grammar: real sentences of the Trotsky article resolve to the spans a reader would give."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trotsky_geo.dates import DateSpan, Precision, find_dates, heading_span

ARTICLE = Path(__file__).resolve().parents[1] / "trotsky_geo" / "data" / "trotsky_wikipedia.txt"
BIRTH = DateSpan(dt.date(1879, 11, 7), dt.date(1879, 11, 7), Precision.DAY, "7 Nov 1879")
D, M, S, Y = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day(text: str) -> DateSpan:
    """An anchor a previous sentence would have given: '19 September 1905'."""
    (mention,) = find_dates(text)
    return mention.span


def found(sentence: str, anchor: DateSpan | None = None) -> list[tuple]:
    return [
        (m.text, m.span.start.isoformat(), m.span.end.isoformat(), m.span.precision,
         m.span.label, m.relative, m.aside)
        for m in find_dates(sentence, anchor=anchor, birth=BIRTH)
    ]


ABSOLUTE = [
    ("Lev Davidovich Bronstein was born on 7 November 1879 into a wealthy but illiterate Jewish "
     "farming family in Yanovka.",
     [("7 November 1879", "1879-11-07", "1879-11-07", D, "7 Nov 1879", False, False)]),
    ("En route to exile in Obdorsk, Siberia, in January 1907, Trotsky escaped at Berezov.",
     [("January 1907", "1907-01-01", "1907-01-31", M, "Jan 1907", False, False)]),
    ("In the summer of 1902, urged by his wife, Trotsky escaped from Siberia hidden in a load "
     "of hay.",
     [("the summer of 1902", "1902-06-01", "1902-08-31", S, "summer 1902", False, False)]),
    ("In summer 1936, Trotsky's asylum became a political issue for the fascist Nasjonal Samling.",
     [("summer 1936", "1936-06-01", "1936-08-31", S, "summer 1936", False, False)]),
    ("Trotsky spent winter 1919–1920 in the Urals region restarting its economy.",
     [("winter 1919–1920", "1919-12-01", "1920-02-29", S, "winter 1919–1920", False, False)]),
    ("He dropped out in early 1897 to help to organise the South Russian Workers' Union.",
     [("early 1897", "1897-01-01", "1897-04-30", S, "early 1897", False, False)]),
    ("By late 1932, Trotsky contacted the anti-Stalin opposition inside the USSR.",
     [("late 1932", "1932-09-01", "1932-12-31", S, "late 1932", False, False)]),
    ("From mid-1923 the Soviet economy faced significant difficulties.",
     [("mid-1923", "1923-05-01", "1923-08-31", S, "mid-1923", False, False)]),
    ("In mid-1919 the Red Army had grown from 800,000 to 3,000,000 and fought on sixteen fronts.",
     [("mid-1919", "1919-05-01", "1919-08-31", S, "mid-1919", False, False)]),
    ("Trotsky and his wife became guests of Konrad Knudsen at Norderhov, living at Knudsen's house "
     "from 18 June 1935 to 2 September 1936.",
     [("from 18 June 1935 to 2 September 1936", "1935-06-18", "1936-09-02", D,
       "18 Jun 1935 – 2 Sep 1936", False, False)]),
    ("From January 1937 to April 1939 Trotsky and his wife lived in Coyoacán at La Casa Azul.",
     [("From January 1937 to April 1939", "1937-01-01", "1939-04-30", M, "Jan 1937 – Apr 1939",
       False, False)]),
    ("Between 1929 and 1932, most leading Left Opposition members surrendered to Stalin.",
     [("Between 1929 and 1932", "1929-01-01", "1932-12-31", Y, "1929–1932", False, False)]),
    ("The Red Terror officially began thereafter, between 17 and 30 August 1918.",
     [("between 17 and 30 August 1918", "1918-08-17", "1918-08-30", D, "17–30 Aug 1918",
       False, False)]),
    ("An initial exception was Christian Rakovsky, who inspired Trotsky from 1929 to 1934 with his "
     "refusal to capitulate.",
     [("from 1929 to 1934", "1929-01-01", "1934-12-31", Y, "1929–1934", False, False)]),
    ("From 1904 to 1917 Trotsky described himself as a \"non-factional social democrat\".",
     [("From 1904 to 1917", "1904-01-01", "1917-12-31", Y, "1904–1917", False, False)]),
    ("Two months into his imprisonment, the first Congress of the Russian Social Democratic Labour "
     "Party (RSDLP) was held (1–3 March 1898).",
     [("1–3 March 1898", "1898-03-01", "1898-03-03", D, "1–3 Mar 1898", False, False)]),
    ("After the success of the October Revolution on 7–8 November 1917, Trotsky led efforts to "
     "repel a counter-attack.",
     [("7–8 November 1917", "1917-11-07", "1917-11-08", D, "7–8 Nov 1917", False, False)]),
    ("In May–June 1918, the Czechoslovak Legions revolted.",
     [("May–June 1918", "1918-05-01", "1918-06-30", M, "May–Jun 1918", False, False)]),
    ("Discontent with Trotsky's policies led to the Military Opposition, active within the Party "
     "in late 1918–1919.",
     [("late 1918–1919", "1918-09-01", "1919-12-31", Y, "late 1918–1919", False, False)]),
    ("A false rumour of his assassination circulated internationally on New Year's Day 1920.",
     [("New Year's Day 1920", "1920-01-01", "1920-01-01", D, "1 Jan 1920", False, False)]),
    ("Anti-government unrest culminated in Saint Petersburg on 3 January 1905 (O.S.), when a "
     "strike began at the Putilov Works.",
     [("3 January 1905 (O.S.)", "1905-01-03", "1905-01-03", D, "3 Jan 1905", False, False)]),
    ("On Sunday, 9 January 1905 Father Georgi Gapon led a procession to the Winter Palace.",
     [("Sunday, 9 January 1905", "1905-01-09", "1905-01-09", D, "9 Jan 1905", False, False)]),
    ("The 1910s were a period of heightened tension within the RSDLP.",
     [("The 1910s", "1910-01-01", "1919-12-31", Y, "1910s", False, False)]),
    ("The Red Army first used punitive barrier troops in summer/autumn 1918 on the Eastern Front.",
     [("summer/autumn 1918", "1918-06-01", "1918-11-30", S, "summer/autumn 1918", False, False)]),
    ("By the end of 1917 Trotsky was unquestionably the second-most-powerful man in the Bolshevik "
     "Party after Lenin.",
     [("the end of 1917", "1917-09-01", "1917-12-31", S, "late 1917", False, False)]),
    ("In mid-July 1922 Kamenev wrote to the recovering Lenin.",
     [("mid-July 1922", "1922-07-11", "1922-07-20", M, "mid-Jul 1922", False, False)]),
    ("He suffered three strokes between 25 May 1922 and 9 March 1923, causing paralysis, loss of "
     "speech, and his eventual death on 21 January 1924.",
     [("between 25 May 1922 and 9 March 1923", "1922-05-25", "1923-03-09", D,
       "25 May 1922 – 9 Mar 1923", False, False),
      ("21 January 1924", "1924-01-21", "1924-01-21", D, "21 Jan 1924", False, False)]),
    ("He arrived in New York City on 13 January 1917, staying for over two months at 1522 Vyse "
     "Avenue in the Bronx.",
     [("13 January 1917", "1917-01-13", "1917-01-13", D, "13 Jan 1917", False, False),
      ("for over two months", "1917-01-13", "1917-03-12", M, "Jan–Mar 1917", True, False)]),
    ("Morris subsequently forbade Trotsky from making public speeches, leading to 530 prisoners "
     "protesting and signing a petition against the decision.", []),
    ("Trotsky addressed the Saint Petersburg Soviet with an estimated 200,000 people gathered "
     "outside.", []),
    ("However, the Central Committee again voted 7–4 on 23 February 1918 to accept.",
     [("23 February 1918", "1918-02-23", "1918-02-23", D, "23 Feb 1918", False, False)]),
    ("Trotsky viewed the Red Army's organisation as built on October Revolution ideals.", []),
    ("Trotsky's pre-1917 disagreements with Lenin and the Bolsheviks.", []),
    # US order and abbreviations, as other biographies write them
    ("He was born November 7, 1879, and left in Sept. 1912 and Jan. 1907.",
     [("November 7, 1879", "1879-11-07", "1879-11-07", D, "7 Nov 1879", False, False),
      ("Sept. 1912", "1912-09-01", "1912-09-30", M, "Sep 1912", False, False),
      ("Jan. 1907", "1907-01-01", "1907-01-31", M, "Jan 1907", False, False)]),
]

ASIDES = [
    ("While imprisoned in Moscow in the summer of 1900, Trotsky married his fellow-Marxist "
     "Aleksandra Sokolovskaya (1872–1938) in a ceremony performed by a Jewish chaplain.",
     [("the summer of 1900", "1900-06-01", "1900-08-31", S, "summer 1900", False, False),
      ("1872–1938", "1872-01-01", "1938-12-31", Y, "1872–1938", False, True)]),
    ("In The Revolution Betrayed (1936), he argued that the Soviet Union had become a "
     "\"degenerated workers' state\", and in 1938 founded the Fourth International.",
     [("1936", "1936-01-01", "1936-12-31", Y, "1936", False, True),
      ("1938", "1938-01-01", "1938-12-31", Y, "1938", False, False)]),
    ("He was the fifth child of David Leontyevich Bronstein (1847–1922), and Anna Lvovna "
     "( Zhivotovskaya, 1850–1910).",
     [("1847–1922", "1847-01-01", "1922-12-31", Y, "1847–1922", False, True),
      ("1850–1910", "1850-01-01", "1910-12-31", Y, "1850–1910", False, True)]),
    ("Trotsky's 14-year-old grandson, Vsevolod Platonovich \"Esteban\" Volkov (7 March 1926 – "
     "16 June 2023), was shot in the foot.",
     [("7 March 1926 – 16 June 2023", "1926-03-07", "2023-06-16", D, "7 Mar 1926 – 16 Jun 2023",
       False, True)]),
    # a parenthesised date after a lower-case word is narrative time
    ("Second emigration (1907–1914)",
     [("1907–1914", "1907-01-01", "1914-12-31", Y, "1907–1914", False, False)]),
]

OCT_1905 = "19 September 1905"
RELATIVE = [
    (OCT_1905, "Amidst this turmoil, Trotsky returned to Saint Petersburg on 15 October.",
     [("15 October", "1905-10-15", "1905-10-15", D, "15 Oct 1905", True, False)]),
    (OCT_1905, "By 24 September, 50 other Moscow printing shops joined.",
     [("24 September", "1905-09-24", "1905-09-24", D, "24 Sep 1905", True, False)]),
    (OCT_1905, "On 2 October, Saint Petersburg typesetters struck in solidarity.",
     [("2 October", "1905-10-02", "1905-10-02", D, "2 Oct 1905", True, False)]),
    ("February 1905", "A police raid in May forced him to flee to rural Finland.",
     [("May", "1905-05-01", "1905-05-31", M, "May 1905", True, False)]),
    ("17 May 1917", "After an unsuccessful pro-Bolshevik uprising in Petrograd in July (the July "
     "Days), Trotsky was arrested on 7 August 1917.",
     [("July", "1917-07-01", "1917-07-31", M, "Jul 1917", True, False),
      ("7 August 1917", "1917-08-07", "1917-08-07", D, "7 Aug 1917", False, False)]),
    ("7 August 1917", "He was released 40 days later following the failed counter-revolutionary "
     "uprising by Lavr Kornilov.",
     [("40 days later", "1917-09-16", "1917-09-16", D, "16 Sep 1917", True, False)]),
    ("2 December 1905", "The following day, 3 December 1905, government troops surrounded the "
     "Soviet, and its deputies were arrested.",
     [("3 December 1905", "1905-12-03", "1905-12-03", D, "3 Dec 1905", False, False)]),
    ("26 August 1936", "The next day, police interrogated him about his political activities.",
     [("The next day", "1936-08-27", "1936-08-27", D, "27 Aug 1936", True, False)]),
    ("2 December 1905", "The following day government troops surrounded the Soviet.",
     [("The following day", "1905-12-03", "1905-12-03", D, "3 Dec 1905", True, False)]),
    ("8 July 1919", "A year later, Smilga and Tukhachevsky were defeated at the Battle of Warsaw.",
     [("A year later", "1920-01-01", "1920-12-31", Y, "1920", True, False)]),
    ("8 July 1919", "The same day, Vācietis was arrested by the Cheka.",
     [("The same day", "1919-07-08", "1919-07-08", D, "8 Jul 1919", True, False)]),
    ("1896", "He graduated from high school with first-class honours the same year.",
     [("the same year", "1896-01-01", "1896-12-31", Y, "1896", True, False)]),
    ("February 1929", "For his first two months, he lived with his wife and eldest son at the "
     "Soviet Consulate in Istanbul.",
     [("For his first two months", "1929-02-01", "1929-03-31", M, "Feb–Mar 1929", True, False)]),
    ("January 1898", "He spent the next two years in prison awaiting trial.",
     [("the next two years", "1898-01-01", "1899-12-31", Y, "1898–1899", True, False)]),
    ("27 March 1917", "Trotsky was arrested and detained for a month at the Amherst Internment "
     "Camp in Nova Scotia.",
     [("for a month", "1917-03-27", "1917-04-26", M, "Mar–Apr 1917", True, False)]),
    ("18 June 1935", "Trotsky was hospitalised for a few weeks at Oslo Community Hospital from "
     "19 September 1935.",
     [("for a few weeks", "1935-09-19", "1935-10-09", D, "19 Sep – 9 Oct 1935", True, False),
      ("19 September 1935", "1935-09-19", "1935-09-19", D, "19 Sep 1935", False, False)]),
    ("1919", "At the 3–4 July Central Committee meeting, the majority supported Kamenev.",
     [("3–4 July", "1919-07-03", "1919-07-04", D, "3–4 Jul 1919", True, False)]),
    ("7 November 1923", "Throughout November, the troika sought a compromise (made easier by "
     "Trotsky's illness in November–December).",
     [("November", "1923-11-01", "1923-11-30", M, "Nov 1923", True, False),
      ("November–December", "1923-11-01", "1923-12-31", M, "Nov–Dec 1923", True, False)]),
    ("September 1918", "Stalin refused to accept him in early October, and Sytin was recalled.",
     [("early October", "1918-10-01", "1918-10-10", M, "early Oct 1918", True, False)]),
    ("1925", "Later in the year, Trotsky resigned his two technical positions.",
     [("Later in the year", "1925-01-01", "1925-12-31", Y, "1925", True, False)]),
    ("January 1924", "A lively discussion ensued through December, until the Conference.",
     [("December", "1924-12-01", "1924-12-31", M, "Dec 1924", True, False)]),
]

AGES = [
    # born 7 November 1879: eight from 7 Nov 1887 to 6 Nov 1888
    ("David sent Trotsky to Odessa for education when the latter was eight years old.",
     [("when the latter was eight years old", "1887-11-07", "1888-11-06", Y, "1887–1888", True,
       False)]),
    ("Lenin expected the 23-year-old Trotsky to side with the new guard.",
     [("23-year-old", "1902-11-07", "1903-11-06", Y, "1902–1903", True, False)]),
    ("Trotsky was taken to a hospital and operated on but died at age 60 on 21 August 1940.",
     [("at age 60", "1939-11-07", "1940-11-06", Y, "1939–1940", True, False),
      ("21 August 1940", "1940-08-21", "1940-08-21", D, "21 Aug 1940", False, False)]),
    ("He left home at the age of 17, aged 17 and penniless.",
     [("at the age of 17", "1896-11-07", "1897-11-06", Y, "1896–1897", True, False),
      ("aged 17", "1896-11-07", "1897-11-06", Y, "1896–1897", True, False)]),
    ("Trotsky's 14-year-old grandson was shot in the foot.", []),
    # an age in words alone, with no number, month or unit for the scan to find
    ("When he was seven the family moved to Nikolayev.",
     [("When he was seven", "1886-11-07", "1887-11-06", Y, "1886–1887", True, False)]),
]


@pytest.mark.parametrize(("sentence", "expected"), ABSOLUTE + ASIDES)
def test_dates_in_article_sentences(sentence: str, expected: list[tuple]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("anchor", "sentence", "expected"), RELATIVE)
def test_relative_dates_resolve_against_the_anchor(anchor: str, sentence: str,
                                                   expected: list[tuple]) -> None:
    assert found(sentence, day(anchor)) == expected


# Seasons and parts of the year or month named without a year, and vague counts of time;
# most sentences are from the other biographies in tests/fixtures.
RELATIVE_PARTS = [
    ("May 1802", "The couple sailed to Caracas that summer, but she died of yellow fever in "
     "January 1803.",
     [("that summer", "1802-06-01", "1802-08-31", S, "summer 1802", True, False),
      ("January 1803", "1803-01-01", "1803-01-31", M, "Jan 1803", False, False)]),
    ("February 1819", "That summer his army crossed the Andes, won the Battle of Boyacá on "
     "7 August 1819 and entered Bogotá three days later.",
     [("That summer", "1819-06-01", "1819-08-31", S, "summer 1819", True, False),
      ("7 August 1819", "1819-08-07", "1819-08-07", D, "7 Aug 1819", False, False),
      ("three days later", "1819-08-10", "1819-08-10", D, "10 Aug 1819", True, False)]),
    ("May 1887", "That autumn Lenin entered Kazan University, but he was expelled in December "
     "1887 and sent to live on the family estate at Kokushkino.",
     [("That autumn", "1887-09-01", "1887-11-30", S, "autumn 1887", True, False),
      ("December 1887", "1887-12-01", "1887-12-31", M, "Dec 1887", False, False)]),
    ("January 1920", "She lived in Petrograd and Moscow, and that summer she travelled through "
     "Ukraine.",
     [("that summer", "1920-06-01", "1920-08-31", S, "summer 1920", True, False)]),
    ("March 1917", "The same spring Trotsky was detained at Halifax by British naval authorities.",
     [("The same spring", "1917-03-01", "1917-05-31", S, "spring 1917", True, False)]),
    # "that winter" in January is the winter under way, not the one at the end of the year
    ("January 1905", "That winter he hid in the Finnish countryside.",
     [("That winter", "1904-12-01", "1905-02-28", S, "winter 1904–1905", True, False)]),
    ("1 January 1800", "British supporters bought his freedom in December 1846, and he sailed "
     "home the following spring.",
     [("December 1846", "1846-12-01", "1846-12-31", M, "Dec 1846", False, False),
      ("the following spring", "1847-03-01", "1847-05-31", S, "spring 1847", True, False)]),
    ("November 1859", "He had planned to travel on to France, but news of his daughter Annie's "
     "death brought him back to Rochester the following spring.",
     [("the following spring", "1860-03-01", "1860-05-31", S, "spring 1860", True, False)]),
    # "following" means the next one to begin after the reference, even within its year
    ("March 1918", "The following spring the Red Army fought Kolchak in the Urals.",
     [("The following spring", "1919-03-01", "1919-05-31", S, "spring 1919", True, False)]),
    ("summer 1919", "The following winter he went to the Urals to restart its economy.",
     [("The following winter", "1919-12-01", "1920-02-29", S, "winter 1919–1920", True,
       False)]),
    ("summer 1919", "He had spent the previous winter on the Eastern Front.",
     [("the previous winter", "1918-12-01", "1919-02-28", S, "winter 1918–1919", True, False)]),
    ("March 1906", "She was arrested there in March 1906 and held in the Warsaw Citadel until "
     "friends paid her bail in the summer.",
     [("March 1906", "1906-03-01", "1906-03-31", M, "Mar 1906", False, False),
      ("in the summer", "1906-06-01", "1906-08-31", S, "summer 1906", True, False)]),
    ("February 1905", "In the autumn he returned to Saint Petersburg and joined the Soviet.",
     [("In the autumn", "1905-09-01", "1905-11-30", S, "autumn 1905", True, False)]),
    # like a bare month, "in the spring" long after that year's spring is the next one
    ("December 1905", "In the spring the Soviet's deputies were tried.",
     [("In the spring", "1906-03-01", "1906-05-31", S, "spring 1906", True, False)]),
    ("1902", "Late that year he reached London and met Lenin.",
     [("Late that year", "1902-09-01", "1902-12-31", S, "late 1902", True, False)]),
    ("1917", "Early that year he was living in New York.",
     [("Early that year", "1917-01-01", "1917-04-30", S, "early 1917", True, False)]),
    ("May 1898", "She was soon writing for the party press, and later that year she edited a "
     "socialist daily in Dresden for a few weeks.",
     [("later that year", "1898-05-01", "1898-12-31", S, "May–Dec 1898", True, False),
      ("for a few weeks", "1898-05-01", "1898-05-21", S, "May 1898", True, False)]),
    ("19 September 1905", "Earlier that year he had lived in Finland.",
     [("Earlier that year", "1905-01-01", "1905-09-30", S, "Jan–Sep 1905", True, False)]),
    ("July 1953", "By the end of the year he was in Guatemala City, where he met the Peruvian "
     "economist Hilda Gadea.",
     [("the end of the year", "1953-09-01", "1953-12-31", S, "late 1953", True, False)]),
    ("November 1927", "He was expelled from the Party at the end of the year.",
     [("the end of the year", "1927-09-01", "1927-12-31", S, "late 1927", True, False)]),
    ("1929", "Trotsky was deported to Turkey at the beginning of the year.",
     [("the beginning of the year", "1929-01-01", "1929-04-30", S, "early 1929", True, False)]),
    ("7 November 1917", "By the end of that month the Bolsheviks held Moscow as well.",
     [("the end of that month", "1917-11-21", "1917-11-30", M, "late Nov 1917", True, False)]),
    ("19 September 1905", "The same month, Moscow printers struck.",
     [("The same month", "1905-09-01", "1905-09-30", M, "Sep 1905", True, False)]),
    ("13 January 1917", "A few days later he began writing for Novy Mir.",
     [("A few days later", "1917-01-15", "1917-01-18", D, "15–18 Jan 1917", True, False)]),
    # a few days after a year or a month the story gives no day of: still that year or month
    ("1841", "A few days later Douglass spoke at the convention.",
     [("A few days later", "1841-01-01", "1841-12-31", Y, "1841", True, False)]),
    ("January 1907", "Some weeks later he reached Saint Petersburg, travelling by reindeer sled.",
     [("Some weeks later", "1907-02-01", "1907-03-31", M, "Feb–Mar 1907", True, False)]),
    ("August 1936", "Several months later the Norwegian government put him under house arrest.",
     [("Several months later", "1936-10-01", "1937-01-31", S, "Oct 1936 – Jan 1937", True,
       False)]),
    ("1910", "Thirty years later Trotsky was murdered in Coyoacán.",
     [("Thirty years later", "1940-01-01", "1940-12-31", Y, "1940", True, False)]),
    # "after" a time spent: that long after the story's date, a half year in months
    ("November 1928", "After two and a half years at Lepoglava, Broz was transferred.",
     [("After two and a half years", "1931-05-01", "1931-05-31", M, "May 1931", True, False)]),
    ("1843", "After three years in Paris, he moved to Brussels.",
     [("After three years", "1846-01-01", "1846-12-31", Y, "1846", True, False)]),
    ("1917", "He had been expelled from France the previous year.",
     [("the previous year", "1916-01-01", "1916-12-31", Y, "1916", True, False)]),
    ("1902", "He had married Aleksandra Sokolovskaya the year before, in a Moscow prison.",
     [("the year before", "1901-01-01", "1901-12-31", Y, "1901", True, False)]),
    ("1890", "There she met Leo Jogiches, who became her partner and who had himself fled Vilna "
     "a year earlier.",
     [("a year earlier", "1889-01-01", "1889-12-31", Y, "1889", True, False)]),
    # relative to another event, or not a time at all
    ("1 January 1940", "Trotsky predicted the war the year before his death.", []),
    ("1 January 1920", "Ideas that spring from Marxism reached the Winter Palace.", []),
    ("1 January 1920", "He was injured in the fall and rested.", []),
    ("1905", "The end of that month is unknown when only the year is.", []),
]

PARTS_OF_YEARS = [
    ("Early in 1905 Trotsky returned to Russia.",
     [("Early in 1905", "1905-01-01", "1905-04-30", S, "early 1905", False, False)]),
    ("Late in 1932 Trotsky contacted the anti-Stalin opposition inside the USSR.",
     [("Late in 1932", "1932-09-01", "1932-12-31", S, "late 1932", False, False)]),
    ("The historian Pierre Broué concluded the bloc dissolved in early 1933, as some members like "
     "Zinoviev and Kamenev rejoined Stalin.",
     [("early 1933", "1933-01-01", "1933-04-30", S, "early 1933", False, False)]),
    ("Kamenev's position weakened late in October 1926.",
     [("late in October 1926", "1926-10-21", "1926-10-31", M, "late Oct 1926", False, False)]),
    ("The Russian historian Vadim Rogovin remarked that Trotsky, in the 1930s, did not abandon "
     "hope for revolutionary spread.",
     [("the 1930s", "1930-01-01", "1939-12-31", Y, "1930s", False, False)]),
    # "mid" of a decade is its fifth to seventh years
    ("In the mid-1920s Trotsky headed the Concessions Committee.",
     [("the mid-1920s", "1924-01-01", "1926-12-31", Y, "mid-1920s", False, False)]),
]


@pytest.mark.parametrize(("anchor", "sentence", "expected"), RELATIVE_PARTS)
def test_seasons_and_parts_of_the_year_resolve_against_the_anchor(
        anchor: str, sentence: str, expected: list[tuple]) -> None:
    assert found(sentence, day(anchor)) == expected


@pytest.mark.parametrize(("sentence", "expected"), PARTS_OF_YEARS)
def test_parts_of_years_and_decades(sentence: str, expected: list[tuple]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("phrase", ["that summer", "the following spring", "In the autumn",
                                    "late that year", "By the end of the year",
                                    "some weeks later", "the year before,"])
def test_relative_seasons_need_a_reference(phrase: str) -> None:
    assert find_dates(f"{phrase} he left.") == []


def test_seasons_chain_through_the_text() -> None:
    text = ("In May 1887 his elder brother Alexander was hanged in St Petersburg for plotting to "
            "kill Tsar Alexander III. That autumn Lenin entered Kazan University, but he was "
            "expelled in December 1887. The following spring he was allowed back to Kazan.")
    spans = [m.span.label for m in find_dates(text)]
    assert spans == ["May 1887", "autumn 1887", "Dec 1887", "spring 1888"]


@pytest.mark.parametrize(("sentence", "expected"), AGES)
def test_ages_resolve_against_the_birth_date(sentence: str, expected: list[tuple]) -> None:
    assert found(sentence) == expected


def test_relative_dates_chain_through_the_text_before_the_anchor() -> None:
    text = ("On 19 September 1905, typesetters struck. By 24 September, 50 shops joined. "
            "On 2 October, typesetters struck in solidarity. The next day they marched.")
    spans = [m.span.label for m in find_dates(text, anchor=day("1 January 1800"))]
    assert spans == ["19 Sep 1905", "24 Sep 1905", "2 Oct 1905", "3 Oct 1905"]


def test_asides_do_not_become_the_reference() -> None:
    text = "In May 1905 he met Aleksandra Sokolovskaya (1872–1938) and in July they left."
    assert [m.span.label for m in find_dates(text)] == ["May 1905", "1872–1938", "Jul 1905"]


def test_unresolvable_relative_dates_are_dropped() -> None:
    assert find_dates("The following day, he returned on 15 October for a month.") == []


def test_a_month_after_the_reference_half_a_year_earlier_is_next_year() -> None:
    (mention,) = find_dates("He returned in January.", anchor=day("20 December 1923"))
    assert mention.span.label == "Jan 1924"


def test_a_yearless_day_before_the_reference_is_the_next_year() -> None:
    text = "On 1 June 1848 the paper began. He was ordered to leave the country on 16 May."
    assert [m.span.label for m in find_dates(text)] == ["1 Jun 1848", "16 May 1849"]


def test_a_yearless_day_after_the_reference_stays_in_its_year() -> None:
    text = "On 1 June 1848 the paper began. On 20 June it was seized."
    assert [m.span.label for m in find_dates(text)] == ["1 Jun 1848", "20 Jun 1848"]


def test_an_age_after_a_birth_known_by_its_year_alone_may_fall_in_two_years() -> None:
    born = DateSpan(dt.date(1888, 1, 1), dt.date(1888, 12, 31), Precision.YEAR, "1888")
    (mention,) = find_dates("His political life began at the age of sixteen.", birth=born)
    assert (mention.span.start, mention.span.end) == (dt.date(1904, 1, 1), dt.date(1905, 12, 30))
    assert mention.span.label == "1904–1905"


def test_an_age_on_a_leap_day_birthday_stays_in_the_calendar() -> None:
    born = DateSpan(dt.date(1896, 2, 29), dt.date(1896, 2, 29), Precision.DAY, "29 Feb 1896")
    (mention,) = find_dates("He left aged 10.", birth=born)
    assert (mention.span.start, mention.span.end) == (dt.date(1906, 2, 28), dt.date(1907, 2, 27))


def test_a_decade_of_life_is_the_years_between_its_birthdays() -> None:
    born = DateSpan(dt.date(1870, 5, 4), dt.date(1870, 5, 4), Precision.DAY, "4 May 1870")
    text = "In her thirties she lived in Rome; in her early forties, in Paris; in her late sixties"
    assert [(m.text, m.span.start, m.span.end) for m in find_dates(text, birth=born)] == [
        ("In her thirties", dt.date(1900, 5, 4), dt.date(1910, 5, 3)),
        ("in her early forties", dt.date(1910, 5, 4), dt.date(1914, 5, 3)),
        ("in her late sixties", dt.date(1937, 5, 4), dt.date(1940, 5, 3)),
    ]
    assert find_dates("In his mid-twenties he left.", birth=born)[0].span.label == "1894–1897"


def test_ages_need_a_birth_date() -> None:
    assert find_dates("He died at age 60.") == []
    assert find_dates("In his thirties he lived in Rome.") == []


HEADINGS = [
    ("Childhood and family (1879–1895)", "1879-01-01", "1895-12-31", Y, "1879–1895"),
    ("Second emigration (1907–1914)", "1907-01-01", "1914-12-31", Y, "1907–1914"),
    ("1905 revolution and trial (1905–1906)", "1905-01-01", "1906-12-31", Y, "1905–1906"),
    ("Head of the Red Army (Spring 1918)", "1918-03-01", "1918-05-31", S, "spring 1918"),
    ("1918", "1918-01-01", "1918-12-31", Y, "1918"),
    ("Split with Lenin (1903–1904)", "1903-01-01", "1904-12-31", Y, "1903–1904"),
    ("After Lenin's death (1924)", "1924-01-01", "1924-12-31", Y, "1924"),
    ("Exile (1929–1940)", "1929-01-01", "1940-12-31", Y, "1929–1940"),
    ("=== Fate of Left Oppositionists after Trotsky's exile (1929–1941) ===", "1929-01-01",
     "1941-12-31", Y, "1929–1941"),
]


@pytest.mark.parametrize(("heading", "start", "end", "precision", "label"), HEADINGS)
def test_heading_span(heading: str, start: str, end: str, precision: Precision,
                      label: str) -> None:
    assert heading_span(heading) == DateSpan(dt.date.fromisoformat(start),
                                             dt.date.fromisoformat(end), precision, label)


@pytest.mark.parametrize("heading", ["Turkey", "Final months", "Kronstadt rebellion",
                                     "Lenin's succession", "In popular culture", "Brest-Litovsk"])
def test_headings_without_dates(heading: str) -> None:
    assert heading_span(heading) is None


def test_every_dated_heading_of_the_article_has_a_span() -> None:
    headings = re.findall(r"^=+\s*(.*?)\s*=+\s*$", ARTICLE.read_text(encoding="utf-8"), re.M)
    dated = [h for h in headings if re.search(r"\(\D*\d{4}", h) or h.isdigit()]
    assert len(dated) >= 20
    assert [h for h in dated if heading_span(h) is None] == []


def _article_sentences() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line) if s]


def test_whole_article_sentence_by_sentence_is_fast() -> None:
    sentences = _article_sentences()
    anchor = day("7 November 1879")
    best = min(_timed(sentences, anchor) for _ in range(5))
    assert best < 0.1, f"{best * 1000:.0f} ms for the article"


def _timed(sentences: list[str], anchor: DateSpan) -> float:
    started = time.perf_counter()
    for sentence in sentences:
        find_dates(sentence, anchor=anchor, birth=BIRTH)
    return time.perf_counter() - started


def test_pathological_input_stays_fast() -> None:
    text = "1–" * 3000 + " from 12 to " * 500 + "May " * 2000
    started = time.perf_counter()
    find_dates(text, anchor=day("1 May 1900"))
    assert time.perf_counter() - started < 1.0


# -- properties ------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 31))


def _only(text: str) -> DateSpan:
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    assert mentions[0].text == text
    return mentions[0].span


@given(dates)
def test_day_month_year_round_trips(date: dt.date) -> None:
    span = _only(f"{date.day} {MONTHS[date.month - 1]} {date.year}")
    assert (span.start, span.end, span.precision) == (date, date, D)


@given(dates)
def test_us_order_round_trips(date: dt.date) -> None:
    span = _only(f"{MONTHS[date.month - 1]} {date.day}, {date.year}")
    assert (span.start, span.end, span.precision) == (date, date, D)


@given(dates)
def test_month_year_round_trips(date: dt.date) -> None:
    span = _only(f"{MONTHS[date.month - 1]} {date.year}")
    assert span.precision is M
    assert span.start == date.replace(day=1)
    assert (span.end + dt.timedelta(days=1)).day == 1 and span.end.month == date.month


@given(st.integers(min_value=1000, max_value=2099))
def test_summer_round_trips(year: int) -> None:
    span = _only(f"summer {year}")
    assert (span.start, span.end, span.precision) == (dt.date(year, 6, 1), dt.date(year, 8, 31), S)


@given(dates, dates)
def test_from_to_round_trips(first: dt.date, second: dt.date) -> None:
    first, second = min(first, second), max(first, second)
    text = (f"from {first.day} {MONTHS[first.month - 1]} {first.year} "
            f"to {second.day} {MONTHS[second.month - 1]} {second.year}")
    span = _only(text)
    assert (span.start, span.end, span.precision) == (first, second, D)


WORDS = ["1917", "1905", "31", "7", "May", "February", "Jan.", "–", "-", "from", "to", "between",
         "and", "the", "following", "next", "day", "days", "later", "for", "a", "few", "two",
         "months", "years", "(", ")", ",", "early", "mid-", "late", "summer", "winter", "of",
         "aged", "at", "age", "23-year-old", "Trotsky", "New", "Year's", "Day", "(O.S.)", "1920s",
         "in", "on", "Sunday", "200,000", "Avenue", "same", "year", "when", "he", "was", "old",
         "that", "autumn", "spring", "fall", "previous", "before", "end", "beginning", "month",
         "some", "several", "weeks", "earlier", "By", "mid-1920s"]


@given(st.lists(st.sampled_from(WORDS), max_size=40), st.booleans(), st.booleans())
def test_date_like_noise_never_raises(words: list[str], spaced: bool, anchored: bool) -> None:
    text = (" " if spaced else "").join(words)
    _check_mentions(text, day("3 March 1918") if anchored else None)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_mentions(text, day("3 March 1918"))


def _check_mentions(text: str, anchor: DateSpan | None) -> None:
    mentions = find_dates(text, anchor=anchor, birth=BIRTH)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.span.start <= mention.span.end
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@pytest.mark.parametrize(
    ("sentence", "text", "label"),
    [
        ("After Japan's defeat in World War II, Deng traveled to Chongqing.",
         "After Japan's defeat in World War II", "1945"),
        ("During World War II, he led the partisans in Bosnia.",
         "During World War II", "Sep 1939 – Sep 1945"),
        ("Soon after the outbreak of the First World War, she left Vienna.",
         "after the outbreak of the First World War", "1914"),
        ("Before the Great War she lived in Vienna.", "Before the Great War", "1914"),
        ("After the October Revolution he returned to Petrograd.",
         "After the October Revolution", "1917"),
        ("Broz left for Belgrade after the April War, leaving Haas pregnant.",
         "after the April War", "1941"),
        ("After the invasion of Poland she fled to Vilnius.", "After the invasion of Poland",
         "1939"),
    ],
)
def test_named_events_are_times(sentence: str, text: str, label: str) -> None:
    assert [(m.text, m.span.label) for m in find_dates(sentence)] == [(text, label)]


def test_two_years_running_are_one_stretch_and_two_others_two_dates() -> None:
    assert [(m.text, m.span.label) for m in find_dates("In 1886 and 1887 he toured Italy.")] == [
        ("1886 and 1887", "1886–1887")
    ]
    assert [m.text for m in find_dates("In 1902 and 1905 she lived in Paris.")] == ["1902", "1905"]


def test_a_named_event_gives_way_to_the_date_the_text_states() -> None:
    mentions = find_dates("On 3 August 1914, at the outbreak of World War I, he fled Vienna.")
    assert [m.text for m in mentions] == ["3 August 1914"]


def test_a_named_event_without_a_cue_of_time_is_no_date() -> None:
    assert find_dates("He fought in the Korean War and wrote about World War II.") == []
