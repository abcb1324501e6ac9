/*
 * merge.c - one article's frames -> distinct events (see merge.h).
 *
 * Quadratic in the number of events (at most EXTRACT_MAX_EVENTS), which is
 * small; each frame is compared with the events built so far, latest first,
 * so a mention joins the event told most recently.
 */
#include "merge.h"

#include <string.h>

static int same_family(const struct frame *a, const struct frame *b)
{
	return sub_event_type_parent(a->sub) == sub_event_type_parent(b->sub);
}

static int crowd_family(enum sub_event_type s)
{
	enum event_type t = sub_event_type_parent(s);
	return t == EVENT_PROTESTS || t == EVENT_RIOTS;
}

/* Mentions that tell one event: the same type family, or a protest or
 * riot and the property it destroyed. */
static int related_family(const struct frame *a, const struct frame *b)
{
	if (same_family(a, b))
		return 1;
	int ca = crowd_family(a->sub), cb = crowd_family(b->sub);
	if (ca && cb)
		return 0;
	if (ca || cb) {
		enum sub_event_type other = ca ? b->sub : a->sub;
		return other == SUB_LOOTING_PROPERTY_DESTRUCTION;
	}
	return 0;
}

static int territorial(enum sub_event_type s)
{
	return s == SUB_GOVERNMENT_REGAINS_TERRITORY || s == SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY;
}

/* 2: same place; 1: compatible (one missing, or one is the other's province); 0: different. */
static int place_fit(const struct gazetteer *gaz, const struct frame *a, const struct frame *b)
{
	if (!a->has_place || !b->has_place)
		return 1;
	if (a->place_id == b->place_id)
		return 2;
	if (!gaz)
		return 0;
	const struct gaz_place *pa = gazetteer_place(gaz, a->place_id),
	                       *pb = gazetteer_place(gaz, b->place_id);
	if (!pa || !pb)
		return 0;
	if (strcmp(pa->name, pb->name) == 0 && strcmp(pa->country_code, pb->country_code) == 0)
		return 2;
	/* A province and a town inside it, or a country and a place in it. */
	const struct gaz_place *wide = pa->kind == GAZ_ADMIN1 || pa->kind == GAZ_COUNTRY ? pa : pb;
	const struct gaz_place *narrow = wide == pa ? pb : pa;
	if (wide->kind == GAZ_COUNTRY && strcmp(wide->country_code, narrow->country_code) == 0)
		return 1;
	if (wide->kind == GAZ_ADMIN1 && narrow->admin1 && strcmp(wide->name, narrow->admin1) == 0 &&
	    strcmp(wide->country_code, narrow->country_code) == 0)
		return 1;
	return 0;
}

/* 2: same day; 1: compatible (one missing); 0: different. */
static int date_fit(const struct frame *a, const struct frame *b)
{
	/* two clauses of one sentence, neither dated, tell the same day */
	if (!a->has_date && !b->has_date && a->sent == b->sent)
		return 2;
	if (!a->has_date || !b->has_date)
		return 1;
	if (a->day == b->day)
		return 2;
	/* "officials said on Monday" then "on Sunday afternoon, gunmen ...":
	 * the day a source spoke holds an event of the days just before */
	if (a->date_reported != b->date_reported && a->date_precision == DATE_PRECISION_DAY &&
	    b->date_precision == DATE_PRECISION_DAY) {
		const struct frame *r = a->date_reported ? a : b, *o = r == a ? b : a;
		if (o->day <= r->day && o->day >= r->day - REPORT_DAYS_BEFORE)
			return 1;
	}
	/* A week or month containing the day. */
	const struct frame *wide = a->date_precision > b->date_precision ? a : b;
	const struct frame *narrow = wide == a ? b : a;
	int span = wide->date_precision == DATE_PRECISION_WEEK    ? 7
	           : wide->date_precision == DATE_PRECISION_MONTH ? 31
	           : wide->date_precision == DATE_PRECISION_YEAR  ? 366
	                                                          : 1;
	if (span > 1 && narrow->day >= wide->day && narrow->day < wide->day + span)
		return 1;
	return 0;
}

static int violent(enum sub_event_type s)
{
	enum event_type t = sub_event_type_parent(s);
	return t == EVENT_BATTLES || t == EVENT_EXPLOSIONS_REMOTE_VIOLENCE ||
	       t == EVENT_VIOLENCE_AGAINST_CIVILIANS;
}

/* f, in the sentence right after event m, only adds detail to it: both
 * violent (or f the looting that went with it: "The attackers also stole
 * cattle", which ACLED codes within the attack), f names no place of its
 * own, and f's agent is unnamed or generic ("the insurgents") or e's own. */
static int detail_of(const struct merged *m, const struct frame *f)
{
	const struct frame *e = &m->f;
	if (f->role != FRAME_EVENT || f->has_place || f->sent != m->last_sent + 1 || !violent(e->sub) ||
	    !(violent(f->sub) || f->sub == SUB_LOOTING_PROPERTY_DESTRUCTION) || territorial(e->sub) ||
	    territorial(f->sub))
		return 0;
	/* a clash told after a bombing is another event unless it answers it */
	if (sub_event_type_parent(f->sub) == EVENT_BATTLES && !same_family(e, f))
		return 0;
	return !f->actor1.present || (f->actor1_flags & ACTOR_F_GENERIC) ||
	       (e->actor1.present && strcmp(e->actor1.name, f->actor1.name) == 0);
}

static void add_sentence(struct merged *m, const struct frame *f)
{
	for (size_t i = 0; i < m->n_sent; i++)
		if (m->sent_start[i] == f->start)
			return;
	if (m->n_sent < MERGE_MAX_SENTENCES) {
		m->sent_start[m->n_sent] = f->start;
		m->sent_end[m->n_sent] = f->end;
		m->n_sent++;
	}
	if (f->sent > m->last_sent)
		m->last_sent = f->sent;
}

static void add_reporter(struct merged *m, const char *r)
{
	if (!r[0])
		return;
	for (size_t i = 0; i < m->n_reporters; i++) {
		/* "the Observatory" after "the Syrian Observatory for Human Rights" */
		if (strstr(m->reporters[i], r) || strstr(r, m->reporters[i])) {
			if (strlen(r) > strlen(m->reporters[i]))
				event_strlcpy(m->reporters[i], r, EVENT_NAME_MAX);
			return;
		}
	}
	if (m->n_reporters < EVENT_MAX_REPORTED_BY)
		event_strlcpy(m->reporters[m->n_reporters++], r, EVENT_NAME_MAX);
}

static void start_event(struct merged *m, const struct frame *f)
{
	memset(m, 0, sizeof *m);
	m->f = *f;
	m->n_frames = 1;
	m->last_sent = f->sent;
	add_sentence(m, f);
	add_reporter(m, f->reporter);
}

/* Fold the death figures of f into the event: a stated number beats an
 * imputed one; between two stated numbers the larger is the later, fuller
 * report of the same toll ("dozens" ... "43"). */
static void merge_deaths(struct frame *e, const struct frame *f, int attach)
{
	if (f->fat.children > e->fat.children)
		e->fat.children = f->fat.children;
	if (f->fat.civilians > e->fat.civilians)
		e->fat.civilians = f->fat.civilians;
	/* A toll sentence ("2 fatalities.") always counts; another attached
	 * mention adds a stated number only where the event has none. */
	if (!f->has_deaths)
		return;
	/* "killing 11 soldiers ... Nine assailants were also killed": 20 */
	if (f->more_dead && f->sent > e->sent && e->has_deaths && !e->fat.imputed && !f->fat.imputed) {
		e->fat.best += f->fat.best;
		e->fat.low += f->fat.low;
		e->fat.high += f->fat.high;
		return;
	}
	if (attach && !f->deaths_only && (f->fat.imputed || (e->has_deaths && !e->fat.imputed)))
		return;
	if (!e->has_deaths || (e->fat.imputed && !f->fat.imputed) ||
	    (e->fat.imputed == f->fat.imputed && f->fat.best > e->fat.best)) {
		int ch = e->fat.children, cv = e->fat.civilians;
		e->fat = f->fat;
		if (ch > e->fat.children)
			e->fat.children = ch;
		if (cv > e->fat.civilians)
			e->fat.civilians = cv;
		e->has_deaths = true;
	}
}

static void merge_into(struct merged *m, const struct frame *f, int attach)
{
	struct frame *e = &m->f;
	m->n_frames++;
	add_sentence(m, f);
	add_reporter(m, f->reporter);
	if (f->disputes)
		e->disputes = true;
	merge_deaths(e, f, attach);
	/* "X claimed responsibility for the attack": the claimant is the
	 * perpetrator of an event told without one. */
	if (attach && !f->disputes && f->coref && f->actor1_sure && f->actor1.present && !e->actor1.present) {
		e->actor1 = f->actor1;
		e->actor1_flags = f->actor1_flags;
		e->actor1_sure = true;
	}
	if (attach)
		return;
	/* Remote violence answered with fire is an armed clash; a protest where
	 * property is burnt or destroyed is a violent demonstration. */
	if (sub_event_type_parent(e->sub) == EVENT_EXPLOSIONS_REMOTE_VIOLENCE &&
	    (f->lex_flags & LEX_F_REPLY)) {
		e->sub = SUB_ARMED_CLASH;
		e->priority = f->priority;
		e->lex_flags = f->lex_flags;
	} else if ((sub_event_type_parent(e->sub) == EVENT_PROTESTS &&
	            f->sub == SUB_LOOTING_PROPERTY_DESTRUCTION) ||
	           (sub_event_type_parent(f->sub) == EVENT_PROTESTS &&
	            e->sub == SUB_LOOTING_PROPERTY_DESTRUCTION)) {
		e->sub = SUB_VIOLENT_DEMONSTRATION;
		e->priority = f->priority > e->priority ? f->priority : e->priority;
	} else if (crowd_family(e->sub) && !crowd_family(f->sub)) {
		/* the crowd event stays what it is */
	} else if (crowd_family(f->sub) && !crowd_family(e->sub) && related_family(e, f)) {
		e->sub = f->sub;
		e->priority = f->priority;
		e->lex_flags = f->lex_flags;
	} else if (crowd_family(e->sub) && crowd_family(f->sub) &&
	           sub_event_type_parent(e->sub) != sub_event_type_parent(f->sub)) {
		/* A demonstration that turns violent is a riot, whoever then
		 * intervenes (ACLED: intervention and excessive force are coded
		 * only for peaceful protesters). */
		if (sub_event_type_parent(f->sub) == EVENT_RIOTS) {
			e->sub = f->sub;
			e->priority = f->priority;
			e->lex_flags = f->lex_flags;
		}
	} else if ((crowd_family(e->sub) && crowd_family(f->sub)) && f->priority > e->priority) {
		e->sub = f->sub;
		e->priority = f->priority;
		e->lex_flags = f->lex_flags;
	} else if (f->priority > e->priority && same_family(e, f)) {
		e->sub = f->sub;
		e->priority = f->priority;
		e->lex_flags = f->lex_flags;
	} else if (f->priority > e->priority + 10) {
		e->sub = f->sub;
		e->priority = f->priority;
		e->lex_flags = f->lex_flags;
	}
	/* "Islamist militants attacked ..." then "the gunmen, members of
	 * ISWAP, ...": the group a later sentence names outranks the generic
	 * actor of the same kind */
	int named_later = f->actor1.present && e->actor1.present && (e->actor1_flags & ACTOR_F_GENERIC) &&
	                  !(f->actor1_flags & ACTOR_F_GENERIC) && f->actor1.type == e->actor1.type &&
	                  (f->actor1_sure || !e->actor1_sure);
	if (f->actor1.present && (!e->actor1.present || (!e->actor1_sure && f->actor1_sure) || named_later)) {
		e->actor1 = f->actor1;
		e->actor1_flags = f->actor1_flags;
		e->actor1_sure = f->actor1_sure || e->actor1_sure;
	}
	if (f->unknown_agent && !e->actor1.present)
		e->unknown_agent = true;
	if (f->crowd_agent && !e->actor1.present)
		e->crowd_agent = true;
	if (!e->actor2.present && f->actor2.present && strcmp(f->actor2.name, e->actor1.name) != 0) {
		e->actor2 = f->actor2;
		e->actor2_flags = f->actor2_flags;
	}
	if (f->has_place && (!e->has_place || f->geo_precision < e->geo_precision)) {
		e->has_place = true;
		e->place_id = f->place_id;
		e->place_kind = f->place_kind;
		e->geo_precision = f->geo_precision;
	}
	if (f->has_date &&
	    (!e->has_date || f->date_precision < e->date_precision ||
	     (e->date_reported && !f->date_reported && f->date_precision == e->date_precision))) {
		e->has_date = true;
		e->day = f->day;
		e->date_precision = f->date_precision;
		e->date_reported = f->date_reported;
	}
}

size_t merge_frames(const struct gazetteer *gaz, const struct frame *frames, size_t n, struct merged *out,
                    size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct frame *f = &frames[i];
		if (f->role == FRAME_TALLY) {
			if (k < max)
				start_event(&out[k++], f);
			continue;
		}
		int target = -1, attach = f->role == FRAME_ATTACH, intervened = 0;
		for (size_t j = k; j-- > 0;) {
			struct merged *m = &out[j];
			if (m->f.role == FRAME_TALLY)
				continue;
			int pf = place_fit(gaz, &m->f, f), df = date_fit(&m->f, f);
			if (f->role == FRAME_ATTACH) {
				/* a mention dated otherwise (background told "in
				 * 2014") adds to no event of today */
				if (f->sent > m->last_sent + MERGE_LOOKBACK || !pf || !df)
					continue;
				/* "those killed" refers to an event with dead; "8
				 * soldiers were killed" states the toll of the event
				 * told before */
				if ((f->lex_flags & LEX_F_WEAK) && !f->deaths_only && !m->f.has_deaths &&
				    !(f->has_deaths && !f->fat.imputed))
					continue;
				/* "the attack" refers to the violent event told last,
				 * whatever trigger first coded it */
				if (same_family(&m->f, f) || (f->lex_flags & LEX_F_WEAK) ||
				    (f->coref && violent(m->f.sub) && violent(f->sub))) {
					target = (int)j;
					break;
				}
				continue;
			}
			if (pf && df && related_family(&m->f, f)) {
				target = (int)j;
				break;
			}
			/* Shells or a grenade, then return fire in the next sentence:
			 * one exchange, which ACLED codes as an armed clash. */
			if (pf && df && f->sent <= m->last_sent + 1 &&
			    sub_event_type_parent(m->f.sub) == EVENT_EXPLOSIONS_REMOTE_VIOLENCE &&
			    (f->lex_flags & LEX_F_REPLY)) {
				target = (int)j;
				break;
			}
			if (f->coref && df && same_family(&m->f, f)) {
				target = (int)j;
				break;
			}
			/* A territory changing hands, told again a few sentences on
			 * with only a province ("regained control of the plateau
			 * between the provinces of A and B"): the same change. */
			if (df == 2 && f->sub == m->f.sub && territorial(f->sub) && m->f.has_place &&
			    m->f.geo_precision < 3 && f->has_place && f->geo_precision == 3 &&
			    f->sent <= m->last_sent + MERGE_LOOKBACK) {
				target = (int)j;
				break;
			}
			/* A detail told right after a violent event, with no place
			 * or agent of its own ("Several soldiers were wounded",
			 * "The insurgents opened fire with machine guns"): the
			 * same event, never one of its own. */
			if (pf && df && detail_of(m, f)) {
				target = (int)j;
				attach = 1;
				break;
			}
			/* A protest or riot told on in the next sentence without a
			 * place of its own ("The march was largely peaceful, but
			 * police fired tear gas at protesters who threw stones"):
			 * one crowd event, coded by its gravest turn, unless the
			 * later mention only looks back ("after the riots in the
			 * prisons"). */
			if (pf && df && crowd_family(m->f.sub) && crowd_family(f->sub) && !f->has_place &&
			    f->sent <= m->last_sent + 1) {
				target = (int)j;
				attach = f->coref;
				break;
			}
			/* "Two persons were arrested by the police" right after a
			 * peaceful protest, with no place of its own and the
			 * police named: they intervened in that protest (ACLED:
			 * protest with intervention), one event.  Without an agent
			 * the arrest may be the protest's grievance ("He was
			 * arrested in a graft case"). */
			if (pf && df && m->f.sub == SUB_PEACEFUL_PROTEST && f->sub == SUB_ARRESTS &&
			    !f->has_place && f->sent == m->last_sent + 1 && f->actor1.present &&
			    f->actor1.type == ACTOR_STATE_FORCES) {
				target = (int)j;
				attach = 1;
				intervened = 1;
				break;
			}
			/* ACLED: one event per day and place. */
			if (pf == 2 && df == 2) {
				target = (int)j;
				break;
			}
		}
		if (target >= 0) {
			merge_into(&out[target], f, attach);
			if (intervened) {
				struct frame *e = &out[target].f;
				e->sub = SUB_PROTEST_WITH_INTERVENTION;
				if (f->actor1.present && !e->actor2.present) {
					e->actor2 = f->actor1;
					e->actor2_flags = f->actor1_flags;
				}
			}
			continue;
		}
		if (f->role == FRAME_ATTACH && !f->promote)
			continue;
		if (k < max) {
			start_event(&out[k], f);
			out[k++].f.role = FRAME_EVENT;
		}
	}
	return k;
}
