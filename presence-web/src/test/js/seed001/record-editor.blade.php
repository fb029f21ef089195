<div x-data="{
    tabId: 'tab_' + Date.now() + '_' + Math.random().toString(36).substr(2, 9),
    heartbeatInterval: null,
    isDirty: @entangle('isDirty'),
    viewers: [],
    
    init() {
        // Initial presence registration
        this.sendHeartbeat();
        
        // Start heartbeat every 30 seconds
        this.heartbeatInterval = setInterval(() => {
            this.sendHeartbeat();
        }, 30000);
        
        // Load current viewers
        this.loadViewers();
        
        // Clean up on page close
        window.addEventListener('beforeunload', () => {
            this.unregister();
        });
    },
    
    async sendHeartbeat() {
        try {
            await fetch('/api/v1/presence/{{ $recordType }}/{{ $record->id }}/heartbeat', {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/json',
                    'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content,
                },
                body: JSON.stringify({
                    tab_id: this.tabId,
                    mode: this.isDirty ? 'edit' : 'view',
                    dirty: this.isDirty,
                }),
            });
        } catch (e) {
            console.warn('Presence heartbeat failed:', e);
        }
    },
    
    async loadViewers() {
        try {
            const response = await fetch('/api/v1/presence/{{ $recordType }}/{{ $record->id }}/viewers');
            const data = await response.json();
            this.viewers = data.data.viewers.filter(v => v.id !== {{ auth()->id() }});
        } catch (e) {
            console.warn('Failed to load viewers:', e);
        }
    },
    
    async unregister() {
        try {
            await fetch('/api/v1/presence/{{ $recordType }}/{{ $record->id }}/unregister', {
                method: 'DELETE',
                headers: {
                    'Content-Type': 'application/json',
                    'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content,
                },
                body: JSON.stringify({
                    tab_id: this.tabId,
                }),
            });
        } catch (e) {
            // Best effort
        }
    },
    
    destroy() {
        if (this.heartbeatInterval) {
            clearInterval(this.heartbeatInterval);
        }
        this.unregister();
    }
}">
    {{-- Who's viewing UI --}}
    <div x-show="viewers.length > 0" class="flex items-center gap-2 mb-4">
        <span class="text-sm text-gray-600">Currently viewing:</span>
        <div class="flex -space-x-2">
            <template x-for="viewer in viewers.slice(0, 3)" :key="viewer.id">
                <div 
                    class="w-8 h-8 rounded-full bg-blue-500 text-white flex items-center justify-center text-xs font-semibold border-2 border-white"
                    :title="viewer.name"
                    x-text="viewer.name.substring(0, 1).toUpperCase()">
                </div>
            </template>
            <div x-show="viewers.length > 3" 
                 class="w-8 h-8 rounded-full bg-gray-300 text-gray-700 flex items-center justify-center text-xs border-2 border-white"
                 x-text="'+' + (viewers.length - 3)">
            </div>
        </div>
    </div>

    {{-- Rest of component --}}
</div>
