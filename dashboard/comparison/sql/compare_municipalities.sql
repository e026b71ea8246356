-- Every municipality of Finland in the classification, for choosing a peer group and for the Finland map.
SELECT area_code, is_focus
FROM dim_area
WHERE level = 'municipality'
ORDER BY sort_order, area_code
