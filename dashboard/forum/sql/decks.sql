-- Saved decks with their slide counts.
SELECT d.name, d.updated_by, d.updated_at, count(s.position) AS slides
FROM deck d LEFT JOIN deck_slide s ON s.deck_name = d.name
GROUP BY ALL ORDER BY d.name
