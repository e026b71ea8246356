"""Aluefoorumi: decks, presentation mode, the chart registry for slides, dated notes."""
