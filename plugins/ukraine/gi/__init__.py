"""Geographical-indication applications before UKRNOIVI, from filing to decision (digest
ukraine-gi.md: the GI rules of order No. 536-21 as restated by order No. 16370)."""
