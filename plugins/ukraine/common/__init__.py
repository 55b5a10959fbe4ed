"""What the three Ukrainian registers share, and nothing the EAEU register uses.

``calendar``: Kyiv working days per jurisdiction; ``identifiers``: EDRPOU and RNOKPP
check digits; ``signature``: the qualified electronic signature data of a filing;
``authorities``: UKRNOIVI, the Ministry of Economy and the State Customs Service.
"""
