// Seed 001's usage of its hook, verbatim below the imports it leaves out.
import { useState } from 'react';
import { useRecordPresence } from './useRecordPresence.js';

export function FlowEditor({ flow }) {
    const [isDirty, setIsDirty] = useState(false);
    const { viewers } = useRecordPresence('flow', flow.id, isDirty);

    return (
        <div>
            {viewers.length > 0 && (
                <div className="flex items-center gap-2 mb-4">
                    <span className="text-sm text-gray-600">Currently viewing:</span>
                    <div className="flex -space-x-2">
                        {viewers.slice(0, 3).map(viewer => (
                            <div 
                                key={viewer.id}
                                className="w-8 h-8 rounded-full bg-blue-500 text-white flex items-center justify-center text-xs font-semibold border-2 border-white"
                                title={viewer.name}>
                                {viewer.name[0].toUpperCase()}
                            </div>
                        ))}
                        {viewers.length > 3 && (
                            <div className="w-8 h-8 rounded-full bg-gray-300 text-gray-700 flex items-center justify-center text-xs border-2 border-white">
                                +{viewers.length - 3}
                            </div>
                        )}
                    </div>
                </div>
            )}

            {/* Form fields */}
        </div>
    );
}
