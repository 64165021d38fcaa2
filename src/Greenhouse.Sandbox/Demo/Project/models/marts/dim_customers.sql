{#- One row per person the business knows, from any of its tools, joined on the normalised email address. -#}
{%- set reporting = var('reporting_currency') | upper %}
{%- set people_from = ['stg_stripe__customers', 'stg_plain__customers', 'stg_buttondown__subscribers', 'stg_linear__users'] %}

with people as (
    {%- for model in people_from %}
    select email from {{ ref(model) }} where email is not null
    {%- if not loop.last %}
    union{% endif %}
    {%- endfor %}
),

stripe as (
    select
        email,
        min(customer_id) as stripe_customer_id,
        count(*) as stripe_customers,
        min(name) as name,
        min(created_at) as customer_since
    from {{ ref('stg_stripe__customers') }}
    where email is not null
    group by email
),

payments as (
    select
        c.email,
        min(ch.currency) as currency,
        sum(ch.net_amount) as lifetime_value,
        sum(ch.net_amount / 100.0 * rr.rate_per_eur / fr.rate_per_eur) as lifetime_value_reporting
    from {{ ref('stg_stripe__charges') }} ch
    inner join {{ ref('stg_stripe__customers') }} c on c.customer_id = ch.customer_id
    left join {{ ref('int_fx_rates_monthly') }} fr
        on fr.month = {{ month_start('ch.created_at') }} and fr.currency = upper(ch.currency)
    left join {{ ref('int_fx_rates_monthly') }} rr
        on rr.month = {{ month_start('ch.created_at') }} and rr.currency = '{{ reporting }}'
    where ch.status = 'succeeded' and c.email is not null
    group by c.email
),

current_mrr as (
    select
        c.email,
        min(m.plan) as current_plan,
        sum(m.mrr_reporting) as current_mrr_reporting
    from {{ ref('fct_mrr') }} m
    inner join {{ ref('stg_stripe__customers') }} c on c.customer_id = m.customer_id
    where m.month = {{ current_month() }} and m.mrr > 0 and c.email is not null
    group by c.email
),

support as (
    select
        pc.email,
        min(pc.full_name) as name,
        count(t.thread_id) as support_threads,
        sum(case when t.status <> 'DONE' then 1 else 0 end) as open_support_threads
    from {{ ref('stg_plain__customers') }} pc
    left join {{ ref('stg_plain__threads') }} t on t.plain_customer_id = pc.plain_customer_id
    where pc.email is not null
    group by pc.email
),

newsletter as (
    select email, min(subscriber_type) as newsletter_status, min(subscribed_at) as newsletter_since
    from {{ ref('stg_buttondown__subscribers') }}
    where email is not null
    group by email
),

github as (
    select user_login, count(*) as github_issues_opened
    from {{ ref('stg_github__issues') }}
    group by user_login
),

{#- The sandbox's Linear issues name the Stripe customer who asked for them in their description. #}
requests as (
    select
        c.email,
        count(distinct i.issue_id) as backlog_items_requested,
        count(distinct case when i.state_type = 'completed' then i.issue_id end) as backlog_items_shipped
    from {{ ref('stg_stripe__customers') }} c
    inner join {{ ref('stg_linear__issues') }} i on i.requested_by_customer_id = c.customer_id
    where c.email is not null
    group by c.email
),

team as (
    select email, min(name) as name
    from {{ ref('stg_linear__users') }}
    where email is not null
    group by email
)

select
    p.email,
    coalesce(s.name, sup.name, team.name) as name,
    s.stripe_customer_id,
    coalesce(s.stripe_customers, 0) as stripe_customers,
    s.customer_since,
    pay.currency,
    coalesce(pay.lifetime_value, 0) as lifetime_value,
    '{{ reporting }}' as reporting_currency,
    round(coalesce(pay.lifetime_value_reporting, 0), 2) as lifetime_value_reporting,
    cur.current_plan,
    coalesce(cur.current_mrr_reporting, 0) as current_mrr_reporting,
    coalesce(sup.support_threads, 0) as support_threads,
    coalesce(sup.open_support_threads, 0) as open_support_threads,
    nl.newsletter_status,
    nl.newsletter_since,
    coalesce(gh.github_issues_opened, 0) as github_issues_opened,
    coalesce(req.backlog_items_requested, 0) as backlog_items_requested,
    coalesce(req.backlog_items_shipped, 0) as backlog_items_shipped,
    case when team.email is not null then 1 else 0 end as is_team_member
from people p
left join stripe s on s.email = p.email
left join payments pay on pay.email = p.email
left join current_mrr cur on cur.email = p.email
left join support sup on sup.email = p.email
left join newsletter nl on nl.email = p.email
left join github gh on gh.user_login = {{ github_login('p.email') }}
left join requests req on req.email = p.email
left join team on team.email = p.email
