"""The State Customs Service register of IP objects, border measures and official
importers' appeals (Customs Code Art. 397-399, MoF orders No. 648/282 and 281; digest
ukraine-customs.md, seed 000), with the EU COPIS exchange of applications for action."""
