package io.goldbackup.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** The audit trail's table, through Panache. */
@ApplicationScoped
class AuditEventRepository implements PanacheRepositoryBase<AuditRecord, Long> {

    /** The newest events with an id below {@code before}. */
    List<AuditRecord> newest(int limit, long before) {
        return find("id < ?1", Sort.descending("id"), before).page(Page.ofSize(limit)).list();
    }
}
