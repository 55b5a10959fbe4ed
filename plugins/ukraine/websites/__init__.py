"""The national list of websites raising IP concerns: Ministry of Economy Order 2945 of 2024
(digest ukraine-websites.md)."""
