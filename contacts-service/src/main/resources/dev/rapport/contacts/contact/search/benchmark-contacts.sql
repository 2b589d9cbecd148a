-- Synthetic but realistic contacts for search benchmarks, generated inside PostgreSQL so that 100,000 take seconds:
-- contacts-service's SearchBenchmark and devstack's seed-contacts both run this one statement. Three parameters, in
-- this order: the team, the owner, how many. Every contact is visible to the team. The columns and search_text are
-- what ContactRepository writes (BenchmarkContactsTest checks it): search_text is the display name, given and family
-- name, company, title, location, context, email addresses and tags, lower-cased and joined by spaces.
-- The rows bypass the outbox: no event announces them, so other services never hear of these contacts.
-- One name in 997 is a Lovelace, one context in 50 mentions a marathon, each company is a tenth of them.
insert into contact (id, team_id, owner_id, display_name, given_name, family_name, emails, company, title, location,
  tags, context, visibility, created_at, updated_at, version, search_text)
select gen_random_uuid(), input.team, input.owner, given || ' ' || family, given, family,
  jsonb_build_array(jsonb_build_object('address', email, 'label', null)),
  company, title, city, tags, context, 'TEAM', now(), now(), 1,
  lower(concat_ws(' ', given || ' ' || family, given, family, company, title, city, context, email,
    array_to_string(tags, ' ')))
from (select cast(? as uuid) as team, cast(? as uuid) as owner, cast(? as integer) as count) as input
cross join lateral (
  select *, lower(given) || '.' || lower(left(family, 1)) || n || '@' || lower(replace(company, ' ', ''))
      || '.example' as email
  from (
    select n,
      (array['Ada','Grace','Alan','Katherine','Linus','Barbara','Edsger','Frances','Tim','Radia',
             'Donald','Margaret','Ken','Dennis','Hedy','Claude','John','Sophie','Yukihiro','Guido'])[1 + n % 20] as given,
      (array['Hopper','Turing','Johnson','Torvalds','Liskov','Dijkstra','Allen','Berners-Lee','Perlman',
             'Knuth','Hamilton','Thompson','Ritchie','Lamarr','Shannon','McCarthy','Wilson','Matsumoto',
             'Rossum','Baker','Clarke','Moore','Nguyen','Okafor','Schmidt','Rossi','Silva','Kowalski',
             'Jensen','Tanaka'])[1 + (n / 20) % 30] || case when n % 997 = 0 then ' Lovelace' else '' end as family,
      (array['Analytical Engines','Acme Robotics','Northwind','Globex','Initech','Umbrella Labs',
             'Hooli','Stark Industries','Wayne Enterprises','Cyberdyne'])[1 + (n / 7) % 10] as company,
      (array['Engineer','Founder','Designer','Investor','Researcher','Product Manager'])[1 + n % 6] as title,
      (array['London','Lisbon','Berlin','Lagos','Tokyo','Austin','Toronto','Warsaw'])[1 + (n / 3) % 8] as city,
      array[(array['mentor','investor','friend','client','speaker','python','kafka'])[1 + n % 7],
            (array['conference','meetup','school','neighbour'])[1 + n % 4]] as tags,
      case when n % 50 = 0 then 'Training for a marathon this spring'
           else 'Met at a meetup; talked about distributed systems and family' end as context
    from generate_series(1, input.count) as n
  ) as generated
) as people
