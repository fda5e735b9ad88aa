// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: a cache of data buffers.
 *
 * Commands whose target driver does not bring its own buffer get one
 * from here: a scatterlist over 2^order pages, taken from a per-order
 * free list when one is cached and allocated otherwise. Freed buffers go
 * back to their list while the cache holds fewer pages than its limit,
 * and a shrinker gives cached pages back under memory pressure. The
 * buffers commands hold at once are bounded too (sgv_inflight_limit_mb):
 * without that, every I_T_L nexus could hold SCST_MAX_TASK_SET buffers
 * of SCST_MAX_XFER_LEN; past it, scst_sgv_get() fails and the command
 * ends with BUSY.
 *
 * Cached buffers are not cleared: a buffer only ever carries to an
 * initiator the bytes a command wrote into it (cmd->data_len).
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "scst_priv.h"

struct scst_sgv {
	struct list_head node;
	unsigned int order;
	struct scatterlist sg[];
};

static struct scst_sgv_pool {
	spinlock_t lock;			/* protects the rest */
	struct list_head free[SCST_SGV_ORDERS];
	unsigned long cached_pages;
	unsigned long limit_pages;
	unsigned long inflight_pages;
	unsigned long inflight_limit_pages;
	atomic64_t hits;
	atomic64_t misses;
	atomic64_t refused;
	struct shrinker *shrinker;
} scst_sgv;

static void scst_sgv_destroy(struct scst_sgv *sgv)
{
	unsigned int i;

	for (i = 0; i < (1U << sgv->order); i++)
		__free_page(sg_page(&sgv->sg[i]));
	kfree(sgv);
}

static struct scst_sgv *scst_sgv_create(unsigned int order, gfp_t gfp)
{
	unsigned int i, n = 1U << order;
	struct scst_sgv *sgv;

	sgv = kmalloc(struct_size(sgv, sg, n), gfp);
	if (!sgv)
		return NULL;
	sgv->order = order;
	sg_init_table(sgv->sg, n);
	for (i = 0; i < n; i++) {
		struct page *page = alloc_page(gfp);

		if (!page) {
			while (i--)
				__free_page(sg_page(&sgv->sg[i]));
			kfree(sgv);
			return NULL;
		}
		sg_set_page(&sgv->sg[i], page, PAGE_SIZE, 0);
	}
	return sgv;
}

/**
 * scst_sgv_get() - get a buffer of at least @len bytes
 * @len: the size, at most SCST_MAX_XFER_LEN
 * @gfp: allocation flags
 * @sg_cnt: set to the number of scatterlist entries covering @len
 *
 * Return: the buffer's scatterlist, its entries covering exactly @len
 * bytes and the last one marked as the end, or NULL, also when the
 * buffers commands hold would pass the in-flight limit.
 */
struct scatterlist *scst_sgv_get(u32 len, gfp_t gfp, unsigned int *sg_cnt)
{
	unsigned int i, n = DIV_ROUND_UP(len, PAGE_SIZE);
	unsigned int order = order_base_2(n);
	struct scst_sgv *sgv = NULL;
	unsigned long flags;

	if (!len || order >= SCST_SGV_ORDERS)
		return NULL;

	spin_lock_irqsave(&scst_sgv.lock, flags);
	if (scst_sgv.inflight_pages + (1UL << order) >
	    scst_sgv.inflight_limit_pages) {
		spin_unlock_irqrestore(&scst_sgv.lock, flags);
		atomic64_inc(&scst_sgv.refused);
		return NULL;
	}
	scst_sgv.inflight_pages += 1UL << order;
	if (!list_empty(&scst_sgv.free[order])) {
		sgv = list_first_entry(&scst_sgv.free[order], struct scst_sgv,
				       node);
		list_del(&sgv->node);
		scst_sgv.cached_pages -= 1UL << order;
	}
	spin_unlock_irqrestore(&scst_sgv.lock, flags);

	if (sgv) {
		atomic64_inc(&scst_sgv.hits);
	} else {
		atomic64_inc(&scst_sgv.misses);
		sgv = scst_sgv_create(order, gfp);
		if (!sgv) {
			spin_lock_irqsave(&scst_sgv.lock, flags);
			scst_sgv.inflight_pages -= 1UL << order;
			spin_unlock_irqrestore(&scst_sgv.lock, flags);
			return NULL;
		}
	}

	for (i = 0; i < n - 1; i++)
		sgv->sg[i].length = PAGE_SIZE;
	sgv->sg[n - 1].length = len - (n - 1) * PAGE_SIZE;
	sg_mark_end(&sgv->sg[n - 1]);
	*sg_cnt = n;
	return sgv->sg;
}
EXPORT_SYMBOL_IF_KUNIT(scst_sgv_get);

/**
 * scst_sgv_put() - give back a buffer from scst_sgv_get()
 * @sg: its scatterlist
 * @sg_cnt: the count scst_sgv_get() returned
 */
void scst_sgv_put(struct scatterlist *sg, unsigned int sg_cnt)
{
	struct scst_sgv *sgv = container_of(sg, struct scst_sgv, sg[0]);
	unsigned int n = 1U << sgv->order;
	unsigned long flags;

	sg_unmark_end(&sg[sg_cnt - 1]);
	sg_mark_end(&sg[n - 1]);

	/* Commands are freed in any context, hard interrupts included. */
	spin_lock_irqsave(&scst_sgv.lock, flags);
	scst_sgv.inflight_pages -= n;
	if (scst_sgv.cached_pages + n <= scst_sgv.limit_pages) {
		list_add(&sgv->node, &scst_sgv.free[sgv->order]);
		scst_sgv.cached_pages += n;
		sgv = NULL;
	}
	spin_unlock_irqrestore(&scst_sgv.lock, flags);
	if (sgv)
		scst_sgv_destroy(sgv);
}
EXPORT_SYMBOL_IF_KUNIT(scst_sgv_put);

/* Free cached buffers, largest first, until at most @keep pages remain. */
static unsigned long scst_sgv_trim(unsigned long keep)
{
	unsigned long freed = 0;
	struct scst_sgv *sgv;
	int order;
	LIST_HEAD(victims);

	spin_lock_irq(&scst_sgv.lock);
	for (order = SCST_SGV_ORDERS - 1; order >= 0; order--) {
		while (scst_sgv.cached_pages > keep &&
		       !list_empty(&scst_sgv.free[order])) {
			sgv = list_first_entry(&scst_sgv.free[order],
					       struct scst_sgv, node);
			list_move(&sgv->node, &victims);
			scst_sgv.cached_pages -= 1UL << order;
			freed += 1UL << order;
		}
	}
	spin_unlock_irq(&scst_sgv.lock);

	while ((sgv = list_first_entry_or_null(&victims, struct scst_sgv,
					       node))) {
		list_del(&sgv->node);
		scst_sgv_destroy(sgv);
	}
	return freed;
}

/**
 * scst_sgv_set_limit() - change how many pages the cache may hold
 * @pages: the limit; cached pages above it are freed at once
 */
void scst_sgv_set_limit(unsigned long pages)
{
	spin_lock_irq(&scst_sgv.lock);
	scst_sgv.limit_pages = pages;
	spin_unlock_irq(&scst_sgv.lock);
	scst_sgv_trim(pages);
}
EXPORT_SYMBOL_IF_KUNIT(scst_sgv_set_limit);

/**
 * scst_sgv_set_inflight_limit() - change how many pages commands may hold
 * @pages: the limit; buffers held already are not taken back
 */
void scst_sgv_set_inflight_limit(unsigned long pages)
{
	spin_lock_irq(&scst_sgv.lock);
	scst_sgv.inflight_limit_pages = pages;
	spin_unlock_irq(&scst_sgv.lock);
}
EXPORT_SYMBOL_IF_KUNIT(scst_sgv_set_inflight_limit);

/**
 * scst_sgv_stats() - the cache's statistics
 * @stats: filled in
 */
void scst_sgv_stats(struct scst_sgv_stats *stats)
{
	spin_lock_irq(&scst_sgv.lock);
	stats->cached_pages = scst_sgv.cached_pages;
	stats->limit_pages = scst_sgv.limit_pages;
	stats->inflight_pages = scst_sgv.inflight_pages;
	stats->inflight_limit_pages = scst_sgv.inflight_limit_pages;
	spin_unlock_irq(&scst_sgv.lock);
	stats->hits = atomic64_read(&scst_sgv.hits);
	stats->misses = atomic64_read(&scst_sgv.misses);
	stats->refused = atomic64_read(&scst_sgv.refused);
}
EXPORT_SYMBOL_IF_KUNIT(scst_sgv_stats);

static unsigned long scst_sgv_count(struct shrinker *s,
				    struct shrink_control *sc)
{
	return READ_ONCE(scst_sgv.cached_pages) ?: SHRINK_EMPTY;
}

static unsigned long scst_sgv_scan(struct shrinker *s,
				   struct shrink_control *sc)
{
	unsigned long cached = READ_ONCE(scst_sgv.cached_pages);
	unsigned long keep = cached > sc->nr_to_scan ?
			     cached - sc->nr_to_scan : 0;

	return scst_sgv_trim(keep) ?: SHRINK_STOP;
}

/**
 * scst_sgv_init() - set up the buffer cache
 * @limit_pages: initial limit
 *
 * Return: 0 or -ENOMEM.
 */
int scst_sgv_init(unsigned long limit_pages)
{
	unsigned int i;

	BUILD_BUG_ON(SCST_MAX_XFER_LEN / PAGE_SIZE >
		     (1U << (SCST_SGV_ORDERS - 1)));
	spin_lock_init(&scst_sgv.lock);
	for (i = 0; i < SCST_SGV_ORDERS; i++)
		INIT_LIST_HEAD(&scst_sgv.free[i]);
	scst_sgv.limit_pages = limit_pages;
	/* a quarter of the memory, as a default */
	scst_sgv.inflight_limit_pages = totalram_pages() / 4;
	scst_sgv.shrinker = shrinker_alloc(0, "scst-sgv");
	if (!scst_sgv.shrinker)
		return -ENOMEM;
	scst_sgv.shrinker->count_objects = scst_sgv_count;
	scst_sgv.shrinker->scan_objects = scst_sgv_scan;
	shrinker_register(scst_sgv.shrinker);
	return 0;
}

/**
 * scst_sgv_exit() - free every cached buffer
 */
void scst_sgv_exit(void)
{
	shrinker_free(scst_sgv.shrinker);
	scst_sgv_trim(0);
}
