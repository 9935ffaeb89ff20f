"""From the PLG back into the week: speerpunten, monitoring, borging, kwaliteitskaart.

After a meeting the PLG's decisions (a *PLG-uitkomst*: one or more speerpunten with
their aanpak, what "uitgevoerd zoals bedoeld" means, monitoring moments, an
evaluation date and roles, never names) travel to every member as an exchange file
(:mod:`reflectie.exchange`, kind ``plg-uitkomst``). Plain Python, no Textual:

* :mod:`reflectie.team.model`: the uitkomst as data, its wire format and strict checks,
  the roles (kwaliteitsbewaker, …) with their tasks;
* :mod:`reflectie.team.service`: :class:`TeamService` (storage, import, monitoring
  notes, borging reminders, evaluation), reached as ``session.team``;
* :mod:`reflectie.team.borging`: the date logic of reminders and evaluations;
* :mod:`reflectie.team.knelpunten`: knelpunten with tips, and matching a trouble;
* :mod:`reflectie.team.kaart`: the kwaliteitskaart (Markdown and printable HTML).
"""
