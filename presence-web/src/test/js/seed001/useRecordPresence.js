import { useEffect, useState } from 'react';

export function useRecordPresence(recordType, recordId, isDirty) {
    const [viewers, setViewers] = useState([]);
    const [tabId] = useState(() => 
        'tab_' + Date.now() + '_' + Math.random().toString(36).substr(2, 9)
    );

    useEffect(() => {
        // Initial registration
        sendHeartbeat();

        // Start heartbeat
        const interval = setInterval(() => {
            sendHeartbeat();
        }, 30000);

        // Load viewers initially and every 60s
        loadViewers();
        const viewerInterval = setInterval(loadViewers, 60000);

        // Cleanup on unmount
        return () => {
            clearInterval(interval);
            clearInterval(viewerInterval);
            unregister();
        };
    }, [recordType, recordId]);

    // Update heartbeat when dirty state changes
    useEffect(() => {
        sendHeartbeat();
    }, [isDirty]);

    async function sendHeartbeat() {
        try {
            await fetch(`/api/v1/presence/${recordType}/${recordId}/heartbeat`, {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/json',
                    'X-CSRF-TOKEN': document.querySelector('meta[name="csrf-token"]').content,
                },
                body: JSON.stringify({
                    tab_id: tabId,
                    mode: isDirty ? 'edit' : 'view',
                    dirty: isDirty,
                }),
            });
        } catch (e) {
            console.warn('Presence heartbeat failed:', e);
        }
    }

    async function loadViewers() {
        try {
            const response = await fetch(`/api/v1/presence/${recordType}/${recordId}/viewers`);
            const data = await response.json();
            setViewers(data.data.viewers);
        } catch (e) {
            console.warn('Failed to load viewers:', e);
        }
    }

    async function unregister() {
        try {
            await fetch(`/api/v1/presence/${recordType}/${recordId}/unregister`, {
                method: 'DELETE',
                headers: {
                    'Content-Type': 'application/json',
                    'X-CSRF-TOKEN': document.querySelector('meta[name="csrf-token"]').content,
                },
                body: JSON.stringify({ tab_id: tabId }),
            });
        } catch (e) {
            // Best effort
        }
    }

    return { viewers, tabId };
}
